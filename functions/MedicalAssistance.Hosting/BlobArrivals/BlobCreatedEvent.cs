using System.Text.Json.Serialization;

namespace MedicalAssistance.Hosting.BlobArrivals;

/// <summary>
/// An Event Grid <c>Microsoft.Storage.BlobCreated</c> event (Event Grid schema), as Event Grid delivers it to a storage queue in Azure
/// and as the local scanner enqueues it. Handlers take this as their queue message and use the helpers below.
/// </summary>
public sealed record BlobCreatedEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("topic")] string? Topic,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("eventType")] string EventType,
    [property: JsonPropertyName("eventTime")] DateTimeOffset EventTime,
    [property: JsonPropertyName("data")] BlobCreatedData Data,
    [property: JsonPropertyName("dataVersion")] string? DataVersion = "",
    [property: JsonPropertyName("metadataVersion")] string? MetadataVersion = "1")
{
    public const string BlobCreatedType = "Microsoft.Storage.BlobCreated";
    private const string ContainersMarker = "/containers/";
    private const string BlobsMarker = "/blobs/";

    /// <summary>The container, from <see cref="Subject"/> (<c>/blobServices/default/containers/{container}/blobs/{name}</c>).</summary>
    [JsonIgnore]
    public string ContainerName
    {
        get
        {
            var start = Subject.IndexOf(ContainersMarker, StringComparison.Ordinal);
            var end = Subject.IndexOf(BlobsMarker, StringComparison.Ordinal);
            return start < 0 || end < start ? throw new FormatException($"Not a blob subject: {Subject}") : Subject[(start + ContainersMarker.Length)..end];
        }
    }

    /// <summary>The blob's full name within its container (may contain '/').</summary>
    [JsonIgnore]
    public string BlobName
    {
        get
        {
            var end = Subject.IndexOf(BlobsMarker, StringComparison.Ordinal);
            return end < 0 ? throw new FormatException($"Not a blob subject: {Subject}") : Subject[(end + BlobsMarker.Length)..];
        }
    }

    /// <summary>The ETag of the version that was created, without quotes as Event Grid writes it (e.g. <c>0x8D9...</c>).</summary>
    [JsonIgnore]
    public string ETag => Data.ETag.Trim('"');

    /// <summary>The same ETag in the form blob request conditions need (quoted), to read exactly the version that arrived.</summary>
    [JsonIgnore]
    public Azure.ETag RequestETag => new('"' + ETag + '"');

    [JsonIgnore]
    public bool IsBlobCreated => EventType == BlobCreatedType;

    public static string SubjectFor(string container, string blobName) => $"/blobServices/default{ContainersMarker}{container}{BlobsMarker}{blobName}";
}

/// <summary>The <c>data</c> of a BlobCreated event (the fields Event Grid documents that a consumer needs).</summary>
public sealed record BlobCreatedData(
    [property: JsonPropertyName("api")] string Api,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("eTag")] string ETag,
    [property: JsonPropertyName("contentType")] string? ContentType,
    [property: JsonPropertyName("contentLength")] long ContentLength,
    [property: JsonPropertyName("blobType")] string BlobType,
    [property: JsonPropertyName("clientRequestId")] string? ClientRequestId = null,
    [property: JsonPropertyName("requestId")] string? RequestId = null,
    [property: JsonPropertyName("sequencer")] string? Sequencer = null);
