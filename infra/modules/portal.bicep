// The beneficiaries' portal (Razor Pages) on App Service for Linux: one small always-on instance, code deployed by azd
// (no container registry), the same Key Vault reference mechanism as the function app. It calls the function app's API
// with its own key (scope "portal"), a Key Vault reference the portal's identity resolves.

param name string
param planName string
param location string
param tags object

@description('App Service plan SKU: B1 for a city programme\'s traffic; P0v3 for zone redundancy and autoscale.')
param skuName string

@description('.NET version of the portal (DOTNETCORE|<version>).')
param dotnetVersion string

param identityId string
param identityClientId string
param appInsightsConnectionString string

@description('Base URL of the function app\'s API.')
param apiBaseUrl string

@description('Key Vault reference to the portal\'s API key.')
param apiKeyReference string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|${dotnetVersion}'
      alwaysOn: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      healthCheckPath: '/'
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: {
      Api__BaseUrl: apiBaseUrl
      Api__PortalKey: apiKeyReference
      AZURE_CLIENT_ID: identityClientId
      APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      ASPNETCORE_ENVIRONMENT: 'Production'
    }
  }

  resource ftp 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scm 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostName}'
