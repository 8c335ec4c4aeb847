// The production path of blob arrivals (architecture.md §3): each Microsoft.Storage.BlobCreated event under a container
// (rosters/) goes, in Event Grid schema (the shape of BlobCreatedEvent in the code), to a storage queue (roster-files).
// Deploy after the topic's identity holds Storage Queue Data Message Sender on that queue (storage-roles.bicep).

param topicName string
param storageAccountName string

@description('Container whose new blobs are announced.')
param containerName string

@description('Storage queue the events are delivered to.')
param queueName string

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: topicName
}

resource blobCreated 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: '${containerName}-blob-created'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobCreated']
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/blobs/'
    }
    deliveryWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      destination: {
        endpointType: 'StorageQueue'
        properties: {
          resourceId: account.id
          queueName: queueName
          // -1: the message never expires; the queue function and its poison twin decide what becomes of it.
          queueMessageTimeToLiveInSeconds: -1
        }
      }
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output name string = blobCreated.name
