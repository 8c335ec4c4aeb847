using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using MedicalAssistance.Contracts.Rosters;
using MedicalAssistance.Functions.Rosters.Batches;
using MedicalAssistance.Hosting.Storage;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Rosters.Http;

/// <summary>What an HTTP push hands to storage: a file, or JSON rows.</summary>
public abstract record RosterUpload
{
    private RosterUpload()
    {
    }

    /// <summary>A CSV or XLSX file as uploaded; <paramref name="FileName"/> is only a hint, the content decides.</summary>
    public sealed record File(Stream Content, string? FileName) : RosterUpload;

    public sealed record Rows(IReadOnlyList<RosterRowDto> Items) : RosterUpload;
}

/// <summary>
/// Stores a pushed roster as <c>rosters/{department}/{yyyyMM}/{batchId}.{csv|xlsx|json}</c> with the batch id in its
/// metadata, and records the batch as queued. The blob arrival then processes it: one upload, one batch.
/// </summary>
public sealed class RosterUploadReceiver(StorageAccount storage, RosterBatchStore batches, IOptions<RosterOptions> options, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<RosterBatchAccepted> RunAsync(string department, string submittedBy, RosterUpload upload, CancellationToken cancellationToken)
    {
        var batchId = RosterFiles.NewBatchId();
        var now = time.GetUtcNow();
        var month = now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMM", CultureInfo.InvariantCulture);
        var metadata = new Dictionary<string, string>
        {
            [RosterFiles.BatchIdMetadata] = batchId,
            [RosterFiles.SubmittedByMetadata] = submittedBy,
        };
        string blobName;
        switch (upload)
        {
            case RosterUpload.File file:
            {
                // Peek at the first bytes (ZIP magic → XLSX), then upload them followed by the rest.
                var head = new byte[4];
                var read = await file.Content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
                var isXlsx = file.FileName?.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) == true
                    || read == 4 && head.AsSpan().SequenceEqual("PK\u0003\u0004"u8);
                await using var content = new Reading.PrefixedStream(head, read, file.Content);
                blobName = $"{department}/{month}/{batchId}.{(isXlsx ? "xlsx" : "csv")}";
                await storage.Container(options.Value.Container).GetBlobClient(blobName).UploadAsync(content, new BlobUploadOptions
                {
                    Metadata = metadata,
                    HttpHeaders = new BlobHttpHeaders { ContentType = isXlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv" },
                }, cancellationToken);
                break;
            }

            case RosterUpload.Rows rows:
            {
                blobName = $"{department}/{month}/{batchId}.json";
                var blob = storage.Container(options.Value.Container).GetBlobClient(blobName);
                await using (var stream = await blob.OpenWriteAsync(overwrite: true, new BlobOpenWriteOptions
                {
                    Metadata = metadata,
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                }, cancellationToken))
                {
                    await JsonSerializer.SerializeAsync(stream, rows.Items, Json, cancellationToken);
                }

                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(upload));
        }

        // After the upload: a batch record never points at a file that is not there. If the blob arrival was faster, it
        // created the same record from the metadata already.
        await batches.TryAddAsync(new RosterBatchRecord
        {
            PartitionKey = department,
            RowKey = batchId,
            Status = RosterBatchStatus.Queued,
            BlobName = blobName,
            SubmittedBy = submittedBy,
            ReceivedAt = now,
        }, cancellationToken);
        return new RosterBatchAccepted(batchId);
    }

    public long MaxFileBytes => options.Value.MaxFileBytes;
}
