using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace MedicalAssistance.Hosting.Storage;

/// <summary>
/// How the app reaches its storage account, chosen by configuration under <c>AzureWebJobsStorage</c> (Azure Functions'
/// own convention, so the Functions host and the app read the same settings):
/// <list type="bullet">
/// <item>a value (<c>AzureWebJobsStorage=DefaultEndpointsProtocol=…</c>): a connection string, as locally for Azurite;</item>
/// <item>otherwise identity-based: <c>AzureWebJobsStorage__blobServiceUri</c> / <c>__queueServiceUri</c> /
/// <c>__tableServiceUri</c> (or <c>__accountName</c>, for the public Azure cloud's endpoints), authenticated with
/// <c>__credential=managedidentity</c> (the managed identity <c>__clientId</c>) or, without it, <see cref="DefaultAzureCredential"/>
/// (a developer's <c>az login</c>). infra/modules/functionapp.bicep sets these in Azure; no key exists there.</item>
/// </list>
/// </summary>
public sealed class StorageClients
{
    public const string Section = "AzureWebJobsStorage";

    private StorageClients(string? connectionString, Uri? blobServiceUri, Uri? queueServiceUri, Uri? tableServiceUri, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        BlobServiceUri = blobServiceUri;
        QueueServiceUri = queueServiceUri;
        TableServiceUri = tableServiceUri;
        Credential = credential;
    }

    /// <summary>The connection string, when configuration gave one; null when identity-based.</summary>
    public string? ConnectionString { get; }

    public Uri? BlobServiceUri { get; }
    public Uri? QueueServiceUri { get; }
    public Uri? TableServiceUri { get; }

    /// <summary>The credential of identity-based access; null with a connection string.</summary>
    public TokenCredential? Credential { get; }

    public bool UsesIdentity => Credential is not null;

    public static StorageClients FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new StorageClients(connectionString, null, null, null, null);
    }

    /// <summary>Reads section <see cref="Section"/>; throws <see cref="InvalidOperationException"/> naming the settings when neither form is complete.</summary>
    public static StorageClients FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return FromConnectionString(section.Value);
        }

        var blob = ServiceUri(section, "blob");
        var queue = ServiceUri(section, "queue");
        var table = ServiceUri(section, "table");
        if (blob is null || queue is null || table is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured. Set '{Section}' to a connection string (./run.sh does, for Azurite), or for a managed "
                + $"identity '{Section}__accountName' (or '{Section}__blobServiceUri', '__queueServiceUri' and '__tableServiceUri') "
                + $"with '{Section}__credential=managedidentity' and '{Section}__clientId'.");
        }

        return new StorageClients(null, blob, queue, table, CredentialFrom(section));
    }

    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions options) =>
        ConnectionString is { } connection ? new BlobServiceClient(connection, options) : new BlobServiceClient(BlobServiceUri, Credential, options);

    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions options) =>
        ConnectionString is { } connection ? new QueueServiceClient(connection, options) : new QueueServiceClient(QueueServiceUri, Credential, options);

    public TableServiceClient CreateTableServiceClient(TableClientOptions options) =>
        ConnectionString is { } connection ? new TableServiceClient(connection, options) : new TableServiceClient(TableServiceUri, Credential, options);

    /// <summary><c>{service}ServiceUri</c> if set, else the public cloud's endpoint of <c>accountName</c>; null when neither is set.</summary>
    private static Uri? ServiceUri(IConfigurationSection section, string service)
    {
        var key = service + "ServiceUri";
        var text = section[key];
        if (!string.IsNullOrWhiteSpace(text))
        {
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
                ? uri
                : throw new InvalidOperationException($"Configuration '{Section}__{key}' must be an absolute https URL; got \"{text}\".");
        }

        var account = section["accountName"];
        return string.IsNullOrWhiteSpace(account) ? null : new Uri($"https://{account}.{service}.core.windows.net");
    }

    private static TokenCredential CredentialFrom(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        var kind = section["credential"];
        if (string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        if (!string.IsNullOrWhiteSpace(kind))
        {
            throw new InvalidOperationException($"Configuration '{Section}__credential' must be 'managedidentity' or absent; got \"{kind}\".");
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId,
        });
    }
}
