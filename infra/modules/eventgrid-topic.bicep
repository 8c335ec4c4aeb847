// The Event Grid system topic of the storage account: the source of its blob events. Its own identity delivers them
// (shared keys are off on the account), so it is created first, granted its sender role, then subscribed
// (eventgrid-subscription.bicep).

param name string
param location string
param tags object
param storageAccountName string

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: account.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output principalId string = topic.identity.principalId
output name string = topic.name
