using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>
/// Table <c>reimbursements</c>: PartitionKey = the first two hex digits of the application id (256 partitions), RowKey = the
/// application id; the whole application (visit, materials, status, history) is one JSON column, written ETag-conditionally.
/// Blobs: container <c>materials</c>, <c>{applicationId}/{uploadId}/{index}-{kind}.{ext}</c>.
/// Staff lists filter on the Status and PersonKey columns (a table scan: manual applications are few; an index table keyed by
/// status would be the next step).
/// </summary>
public sealed class ReimbursementStore(StorageAccount storage, IOptions<ReimbursementOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly TableClient _table = storage.Table(options.Value.Table);
    private readonly BlobContainerClient _materials = storage.Container(options.Value.Container);

    public async Task<(ReimbursementApplication Application, ETag ETag)?> GetAsync(string applicationId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(applicationId[..2], applicationId, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? (FromEntity(e), e.ETag) : null;
    }

    /// <summary>Creates the application (after its materials are stored); false when it exists already.</summary>
    public async Task<bool> TryAddAsync(ReimbursementApplication application, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(ToEntity(application), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces the application if unchanged since read; false when someone else wrote first.</summary>
    public async Task<bool> TryReplaceAsync(ReimbursementApplication application, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(ToEntity(application), etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    public async Task<(IReadOnlyList<ReimbursementApplication> Items, string? Continuation)> PageAsync(string? status, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        var filter = status is null ? null : TableClient.CreateQueryFilter($"Status eq {status}");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(continuation, pageSize))
        {
            return (page.Values.Select(FromEntity).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    public async Task<IReadOnlyList<ReimbursementApplication>> ListForPersonAsync(string personKey, CancellationToken cancellationToken)
    {
        var list = new List<ReimbursementApplication>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PersonKey eq {personKey}"), cancellationToken: cancellationToken))
        {
            list.Add(FromEntity(e));
        }

        return list;
    }

    public async Task UploadAsync(string blobName, Stream content, string contentType, CancellationToken cancellationToken) =>
        await _materials.GetBlobClient(blobName).UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);

    public async Task<Stream> OpenAsync(string blobName, CancellationToken cancellationToken) =>
        await _materials.GetBlobClient(blobName).OpenReadAsync(cancellationToken: cancellationToken);

    private static TableEntity ToEntity(ReimbursementApplication a) => new(a.ApplicationId[..2], a.ApplicationId)
    {
        ["PersonKey"] = a.PersonKey,
        ["Status"] = a.Status,
        ["SubmittedAt"] = a.SubmittedAt,
        ["Application"] = JsonSerializer.Serialize(a, Json),
    };

    private static ReimbursementApplication FromEntity(TableEntity e) =>
        JsonSerializer.Deserialize<ReimbursementApplication>(e.GetString("Application"), Json)
        ?? throw new InvalidOperationException($"Reimbursement {e.RowKey} has no application body.");
}
