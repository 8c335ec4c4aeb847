// Data-plane roles on the storage account, each the least that its holder needs (role ids: Azure built-in roles).

param storageAccountName string

@description('Principal id of the function app\'s identity: blobs, queues and tables of the whole account.')
param functionPrincipalId string

@description('Principal id of the Event Grid system topic: send messages to the blob-arrival queue, and nothing else.')
param eventGridPrincipalId string

@description('The queue Event Grid delivers BlobCreated events to.')
param blobArrivalQueueName string

var roles = {
  // The Functions host takes blob leases (timers, singletons) and reads its deployment package: Azure Functions
  // documents Storage Blob Data Owner for an identity-based AzureWebJobsStorage.
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  queueDataMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName

  resource queueService 'queueServices' existing = {
    name: 'default'

    resource blobArrivalQueue 'queues' existing = {
      name: blobArrivalQueueName
    }
  }
}

var functionRoles = [roles.blobDataOwner, roles.queueDataContributor, roles.tableDataContributor]

resource functionAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in functionRoles: {
    name: guid(account.id, functionPrincipalId, role)
    scope: account
    properties: {
      principalId: functionPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

resource eventGridSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account::queueService::blobArrivalQueue.id, eventGridPrincipalId, roles.queueDataMessageSender)
  scope: account::queueService::blobArrivalQueue
  properties: {
    principalId: eventGridPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.queueDataMessageSender)
  }
}

@description('Role assignment id of Event Grid\'s sender role: the subscription waits for it.')
output eventGridSenderAssignmentId string = eventGridSender.id
