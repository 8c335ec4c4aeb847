using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace MedicalAssistance.Hosting.Storage;

/// <summary>
/// The one storage account the system runs on: tables, blobs and queues from configuration <c>AzureWebJobsStorage</c>, as in
/// Azure Functions: a connection string locally, a managed identity in Azure (<see cref="StorageClients"/> chooses).
/// Features ask it for clients; nothing else builds them.
/// </summary>
public sealed class StorageAccount
{
    public const string ConnectionStringKey = "AzureWebJobsStorage";

    public StorageAccount(string connectionString)
        : this(StorageClients.FromConnectionString(connectionString))
    {
    }

    public StorageAccount(StorageClients clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        // Bounded retries: a request that cannot reach storage should fail in seconds, not minutes,
        // so health checks and handlers report the outage instead of hanging.
        var retry = new Action<RetryOptions>(r =>
        {
            r.MaxRetries = 3;
            r.Delay = TimeSpan.FromMilliseconds(200);
            r.MaxDelay = TimeSpan.FromSeconds(2);
            r.NetworkTimeout = TimeSpan.FromSeconds(30);
        });
        var tableOptions = new TableClientOptions();
        retry(tableOptions.Retry);
        var blobOptions = new BlobClientOptions();
        retry(blobOptions.Retry);
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        retry(queueOptions.Retry);

        Tables = clients.CreateTableServiceClient(tableOptions);
        Blobs = clients.CreateBlobServiceClient(blobOptions);
        Queues = clients.CreateQueueServiceClient(queueOptions);
    }

    public TableServiceClient Tables { get; }
    public BlobServiceClient Blobs { get; }
    public QueueServiceClient Queues { get; }

    public TableClient Table(string name) => Tables.GetTableClient(name);
    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);
    public QueueClient Queue(string name) => Queues.GetQueueClient(name);
}
