// Key Vault (RBAC, no access policies) for the secrets the apps must never see in clear in their settings: the person-key
// HMAC secret, the ID-encryption key(s), and the portal's API key (scope portal). The apps read them through
// Key Vault references in their app settings (resolved by App Service with the app's identity). Bicep never writes a
// secret's value: a redeployment must not replace the person-key secret (every person key would change), so
// infra/scripts/ensure-secrets.sh creates each one once (azd runs it after provisioning); rotation is in infra/README.md.

param name string
param location string
param tags object

@description('Principal ids that read secrets (Key Vault Secrets User): the apps\' identities.')
param readerPrincipalIds string[]

@description('Principal id of whoever deploys (azd sets AZURE_PRINCIPAL_ID): may create and rotate secrets. Empty: nobody.')
param officerPrincipalId string

@description('User, Group or ServicePrincipal: the kind of principal officerPrincipalId is.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param officerPrincipalType string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

var secretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var secretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource readers 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in readerPrincipalIds: {
    name: guid(vault.id, principalId, secretsUser)
    scope: vault
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUser)
    }
  }
]

resource officer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(officerPrincipalId)) {
  name: guid(vault.id, officerPrincipalId, secretsOfficer)
  scope: vault
  properties: {
    principalId: officerPrincipalId
    principalType: officerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsOfficer)
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
