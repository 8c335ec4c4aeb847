// MedicalAssistance.Serverless in Azure: one storage account, the function app on Flex Consumption, the portal on
// App Service, Key Vault, Log Analytics + Application Insights, and the Event Grid path of roster files. What each
// resource is for and how to deploy: infra/README.md. Checked offline by tests/MedicalAssistance.Infra.Tests (bicep build
// and lint without warnings; every queue, container, table, setting and schedule the app reads is provisioned here).

targetScope = 'resourceGroup'

@description('Name of the environment (azd: AZURE_ENV_NAME), e.g. "prod" or "test"; part of every resource name.')
@minLength(1)
@maxLength(32)
param environmentName string

@description('Azure region of every resource (azd: AZURE_LOCATION); it must offer Flex Consumption (infra/README.md).')
param location string = resourceGroup().location

@description('Object id of whoever deploys (azd: AZURE_PRINCIPAL_ID): granted Key Vault Secrets Officer to create secrets.')
param principalId string = ''

@allowed(['User', 'Group', 'ServicePrincipal'])
param principalType string = 'User'

@description('.NET version of both apps. The projects target net10.0; see infra/README.md where a region lacks it.')
@allowed(['8.0', '9.0', '10.0'])
param dotnetVersion string = '10.0'

@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param storageSku string = 'Standard_ZRS'

@description('Most instances of the function app (Flex Consumption).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('App Service plan of the portal.')
param portalSku string = 'B1'

@description('Id of the current ID-encryption key; its value is the Key Vault secret "id-encryption-key-<id>".')
param idEncryptionKeyId string = 'k1'

@description('Ids of retired ID-encryption keys still needed to decrypt older values (rotation, infra/README.md).')
param previousIdEncryptionKeyIds string[] = []

@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('Daily ingestion cap of Log Analytics in GB (-1: no cap).')
param logDailyQuotaGb int = 5

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = {
  'azd-env-name': environmentName
  application: 'medical-assistance'
}

// ---------------------------------------------------------------------------------------------------------------------
// Storage names: every table, container and queue of FunctionsApp.StorageLayout() (each feature's options and the trigger
// layer's own). tests/MedicalAssistance.Infra.Tests composes the app with the settings below and fails when a name the code
// uses is missing here, or one listed here is no longer used.
var poisonSuffix = '-poison'
var queueNames = [
  'claims'
  'enrolment-parameters'
  'recompute'
  'reimbursements'
  'roster-chunks'
  'roster-files'
  'runs'
  'signin-sms'
]
var containerNames = [
  'locks'
  'materials'
  'reports'
  'roster-chunks'
  'roster-reports'
  'rosters'
  'timers'
]
var tableNames = [
  'blobreceipts'
  'claimadjustments'
  'claimindex'
  'claimledger'
  'claims'
  'departments'
  'enrolmentlistings'
  'exemptionledger'
  'fundbudgets'
  'fundjournal'
  'hostkeys'
  'monitoringalerts'
  'monitoringthresholds'
  'persons'
  'policyparameters'
  'queuefailures'
  'reimbursements'
  'rosterbatches'
  'rosterchunks'
  'rosterrowerrors'
  'claimpayments'
  'runs'
  'settlementparameters'
  'signincodes'
]
var deploymentContainerName = 'app-package'
var keyVaultName = 'kv-${token}'
var keyVaultUri = 'https://${keyVaultName}${environment().suffixes.keyvaultDns}/'
var rosterContainerName = 'rosters'
var rosterQueueName = 'roster-files'

// Secrets in Key Vault (created by infra/scripts/ensure-secrets.sh, never by Bicep).
var secretNames = {
  personKey: 'person-key-secret'
  idEncryptionKeyPrefix: 'id-encryption-key-'
  portalApiKey: 'portal-api-key'
}

// Every option, name and schedule the function app reads (configuration keys with ':' written '__'), at the values the
// code defaults to, except where Azure differs: blob arrivals come from Event Grid, so the local scanner is off.
var appOptionSettings = {
  // The worker's trigger settings (%…% in [QueueTrigger] / [TimerTrigger]; functions/MedicalAssistance.Functions/appsettings.json
  // and local.settings.json.example give the same values)
  Hosting__Runs__Queue: 'runs'
  Claims__Queue: 'claims'
  Claims__RecomputeQueue: 'recompute'
  Rosters__Queue: 'roster-files'
  Rosters__ChunkQueue: 'roster-chunks'
  Enrolment__ParametersQueue: 'enrolment-parameters'
  Beneficiaries__SmsQueue: 'signin-sms'
  Reimbursements__Queue: 'reimbursements'
  Housekeeping__Schedule: '0 30 3 * * *'
  Runs__MonthlySettlementSchedule: '0 0 2 1 * *'
  Runs__JieyangPrepaymentSchedule: '0 0 3 15 1 *'
  Runs__MeizhouPremiumAprilSchedule: '0 0 3 1 4 *'
  Runs__MeizhouPremiumClearingSchedule: '0 0 3 1 6 *'
  Runs__MeizhouPremiumJulySchedule: '0 0 3 1 7 *'
  Runs__MeizhouSubsidyClearingSchedule: '0 0 3 20 8 *'
  Runs__MeizhouSubsidyPrefundSchedule: '0 0 3 1 9 *'
  Runs__BaoshanCoFundingSchedule: '0 0 3 30 9 *'
  Runs__BaoshanOverspendSharingSchedule: '0 0 3 2 1 *'
  Runs__FundYearEndRolloverSchedule: '0 0 5 2 1 *'
  Runs__MonthlyEnrolmentListSchedule: '0 0 3 1 * *'
  Runs__MonthlyMonitoringSchedule: '0 0 4 1 * *'
  // NCRONTAB schedules are in China Standard Time (Linux: an IANA name)
  WEBSITE_TIME_ZONE: 'Asia/Shanghai'
  // Trigger layer of the standalone host (ignored by the Azure Functions host, which reads host.json); blob arrivals come
  // from Event Grid in Azure, so the scanner is off
  Hosting__BlobArrivals__Scan: 'false'
  Hosting__BlobArrivals__ScanInterval: '00:00:10'
  Hosting__Queues__MessageLease: '00:10:00'
  Hosting__Queues__MinPollingInterval: '00:00:00.1000000'
  Hosting__ShutdownTimeout: '00:00:25'
  Hosting__Telemetry__Console: 'false'
  Hosting__Timers__TimeZone: 'Asia/Shanghai'
  Hosting__Timers__LeaseDuration: '00:01:00'
  Hosting__Keys__CacheDuration: '00:00:30'
  // The options of each feature, at the values the code defaults to (so an operator sees and can change each one here)
  Housekeeping__ReceiptRetentionDays: '90'
  Simulate__RateLimit__PermitLimit: '60'
  Simulate__RateLimit__WindowSeconds: '60'
  Simulate__Limits__MaxScenariosPerRequest: '1000'
  Simulate__Limits__MaxClaimsPerScenario: '1000'
  Simulate__Limits__MaxClaimsPerRequest: '10000'
  Simulate__Limits__MaxBodyBytes: '4194304'
  Persons__Table: 'persons'
  Persons__ExemptionTable: 'exemptionledger'
  Rosters__MaxFileBytes: '52428800'
  Rosters__ChunkSize: '1000'
  Rosters__Container: 'rosters'
  Rosters__ReportsContainer: 'roster-reports'
  Rosters__ChunkBytes: '262144'
  Rosters__SplitBufferRows: '20000'
  Rosters__StagingContainer: 'roster-chunks'
  Rosters__InlineErrorLimit: '100'
  Enrolment__ParametersTable: 'policyparameters'
  Claims__Table: 'claims'
  Claims__LedgerTable: 'claimledger'
  Claims__IndexTable: 'claimindex'
  Claims__AdjustmentTable: 'claimadjustments'
  Claims__ParametersTable: 'settlementparameters'
  Beneficiaries__CodesTable: 'signincodes'
  Beneficiaries__CodeLifetime: '00:05:00'
  Beneficiaries__MaxWrongTries: '5'
  Beneficiaries__TokenLifetime: '00:30:00'
  Beneficiaries__CodesPerIdNumber: '5'
  Beneficiaries__SendWindow: '01:00:00'
  Beneficiaries__ResendAfter: '00:01:00'
  Beneficiaries__RequestsPerAddressPerMinute: '30'
  // The demo SMS sender appends to a file; the instance's writable temp folder in Azure (a gateway replaces it in production)
  Beneficiaries__SmsOutboxPath: '/tmp/sms-outbox.log'
  Reimbursements__Table: 'reimbursements'
  Reimbursements__Container: 'materials'
  Runs__Table: 'runs'
  Runs__PaymentTable: 'claimpayments'
  Runs__JournalTable: 'fundjournal'
  Runs__FundBudgetTable: 'fundbudgets'
  Runs__EnrolmentListingTable: 'enrolmentlistings'
  Runs__MonitoringAlertTable: 'monitoringalerts'
  Runs__MonitoringThresholdTable: 'monitoringthresholds'
  Runs__ReportsContainer: 'reports'
  Runs__StaleAfter: '00:01:00'
  Runs__ProgressEvery: '200'
  Runs__Parallelism: '16'
  Runs__CheckpointEvery: '2000'
  // Personal data (Key Vault references: the values never appear in settings)
  Security__PersonKeySecret: secretReference(keyVaultUri, secretNames.personKey)
  Security__IdEncryptionKey: secretReference(keyVaultUri, '${secretNames.idEncryptionKeyPrefix}${idEncryptionKeyId}')
  Security__IdEncryptionKeyId: idEncryptionKeyId
}

var previousKeySettings = toObject(
  previousIdEncryptionKeyIds,
  id => 'Security__PreviousIdEncryptionKeys__${id}',
  id => secretReference(keyVaultUri, '${secretNames.idEncryptionKeyPrefix}${id}')
)

// A reference App Service resolves with the app's identity; without a version it follows the latest (rotation).
func secretReference(vaultUri string, secret string) string => '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secret})'

module functionIdentity 'modules/identity.bicep' = {
  name: 'function-identity'
  params: {
    name: 'id-func-${token}'
    location: location
    tags: tags
  }
}

module portalIdentity 'modules/identity.bicep' = {
  name: 'portal-identity'
  params: {
    name: 'id-portal-${token}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${token}'
    location: location
    tags: tags
    skuName: storageSku
    containerNames: containerNames
    queueNames: queueNames
    poisonSuffix: poisonSuffix
    tableNames: tableNames
    deploymentContainerName: deploymentContainerName
    softDeleteDays: 14
  }
}

module eventGridTopic 'modules/eventgrid-topic.bicep' = {
  name: 'eventgrid-topic'
  params: {
    name: 'evgt-${token}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
  }
}

module storageRoles 'modules/storage-roles.bicep' = {
  name: 'storage-roles'
  params: {
    storageAccountName: storage.outputs.name
    functionPrincipalId: functionIdentity.outputs.principalId
    eventGridPrincipalId: eventGridTopic.outputs.principalId
    blobArrivalQueueName: rosterQueueName
  }
}

module rosterArrivals 'modules/eventgrid-subscription.bicep' = {
  name: 'roster-arrivals'
  params: {
    topicName: eventGridTopic.outputs.name
    storageAccountName: storage.outputs.name
    containerName: rosterContainerName
    queueName: rosterQueueName
  }
  // Event Grid checks at creation that its identity may send to the queue.
  dependsOn: [storageRoles]
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: 'log-${token}'
    appInsightsName: 'appi-${token}'
    location: location
    tags: tags
    retentionDays: logRetentionDays
    dailyQuotaGb: logDailyQuotaGb
    publisherPrincipalIds: [functionIdentity.outputs.principalId, portalIdentity.outputs.principalId]
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'key-vault'
  params: {
    name: keyVaultName
    location: location
    tags: tags
    readerPrincipalIds: [functionIdentity.outputs.principalId, portalIdentity.outputs.principalId]
    officerPrincipalId: principalId
    officerPrincipalType: principalType
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'function-app'
  params: {
    name: 'func-${token}'
    planName: 'asp-func-${token}'
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    dotnetVersion: dotnetVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    identityId: functionIdentity.outputs.id
    identityClientId: functionIdentity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    appSettings: union(appOptionSettings, previousKeySettings)
  }
  // The host needs its storage roles and its Key Vault references resolvable when it first starts.
  dependsOn: [storageRoles, keyVault]
}

module portal 'modules/portal.bicep' = {
  name: 'portal'
  params: {
    name: 'app-portal-${token}'
    planName: 'asp-portal-${token}'
    location: location
    tags: union(tags, { 'azd-service-name': 'portal' })
    skuName: portalSku
    dotnetVersion: dotnetVersion
    identityId: portalIdentity.outputs.id
    identityClientId: portalIdentity.outputs.clientId
    appInsightsConnectionString: monitoring.outputs.connectionString
    apiBaseUrl: functionApp.outputs.url
    apiKeyReference: secretReference(keyVaultUri, secretNames.portalApiKey)
  }
}

output API_URL string = functionApp.outputs.url
output PORTAL_URL string = portal.outputs.url
output FUNCTION_APP_NAME string = functionApp.outputs.name
output PORTAL_APP_NAME string = portal.outputs.name
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output KEY_VAULT_NAME string = keyVault.outputs.name
output KEY_VAULT_URI string = keyVault.outputs.uri
output ID_ENCRYPTION_KEY_ID string = idEncryptionKeyId
