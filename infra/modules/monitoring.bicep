// Log Analytics holds logs and traces; Application Insights (workspace-based) is where the apps' OpenTelemetry goes
// (Azure.Monitor.OpenTelemetry.Exporter, switched on by APPLICATIONINSIGHTS_CONNECTION_STRING). Local authentication is
// off: the apps send with their managed identity (Monitoring Metrics Publisher), so the connection string is no secret.

param workspaceName string
param appInsightsName string
param location string
param tags object

@minValue(30)
@maxValue(730)
param retentionDays int

@description('Daily ingestion cap in GB (-1: none). Logs are the first cost to run away; see infra/README.md.')
param dailyQuotaGb int

@description('Principal ids allowed to send telemetry (the apps\' identities).')
param publisherPrincipalIds string[]

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionDays
    workspaceCapping: {
      dailyQuotaGb: dailyQuotaGb
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
  }
}

var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource publishers 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in publisherPrincipalIds: {
    name: guid(appInsights.id, principalId, monitoringMetricsPublisher)
    scope: appInsights
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    }
  }
]

output connectionString string = appInsights.properties.ConnectionString
output workspaceId string = workspace.id
