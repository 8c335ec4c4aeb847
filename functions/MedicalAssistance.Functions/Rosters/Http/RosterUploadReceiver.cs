using System.Globalization;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
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
    /// <summary>
    /// Chinese is stored as characters (the default encoder wrote every non-ASCII character as a six-byte <c>\uXXXX</c>) and
    /// absent values are left out. The stored file is read only by the roster reader, never embedded in HTML, so only what
    /// JSON itself requires is escaped.
    /// </summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

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
        BlobContentInfo stored;
        var container = storage.Container(options.Value.Container);
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
                stored = await UploadCompleteAsync(container.GetBlobClient(blobName), content, metadata,
                    isXlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv", cancellationToken);
                break;
            }

            case RosterUpload.Rows rows:
            {
                blobName = $"{department}/{month}/{batchId}.json";
                // Serialized into a pipe that the upload reads: memory stays at one block, and the blob appears only when
                // its last block is committed.
                var pipe = new Pipe();
                var serialize = SerializeAsync(pipe.Writer, rows.Items, cancellationToken);
                await using (var content = pipe.Reader.AsStream())
                {
                    stored = await UploadCompleteAsync(container.GetBlobClient(blobName), content, metadata, "application/json", cancellationToken);
                }

                await serialize;
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
            BlobETag = stored.ETag.ToString(),
            SubmittedBy = submittedBy,
            ReceivedAt = now,
        }, cancellationToken);
        return new RosterBatchAccepted(batchId);
    }

    public long MaxFileBytes => options.Value.MaxFileBytes;

    /// <summary>
    /// Uploads in staged blocks committed by one Put Block List (or one Put Blob when small): the blob — and in Azure its
    /// BlobCreated event — exists only once it is complete. (<c>OpenWriteAsync(overwrite: true)</c> first creates an empty
    /// blob, which the blob scanner or Event Grid announced and a batch then read as an empty file.)
    /// </summary>
    private static async Task<BlobContentInfo> UploadCompleteAsync(BlobClient blob, Stream content, Dictionary<string, string> metadata, string contentType, CancellationToken cancellationToken) =>
        (await blob.UploadAsync(content, new BlobUploadOptions
        {
            Metadata = metadata,
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            // Only a new blob: a batch id is never reused, so an existing blob here is a bug, not something to overwrite.
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            TransferOptions = new StorageTransferOptions { InitialTransferSize = UploadBlockBytes, MaximumTransferSize = UploadBlockBytes },
        }, cancellationToken)).Value;

    private const int UploadBlockBytes = 4 * 1024 * 1024;

    private static async Task SerializeAsync(PipeWriter writer, IReadOnlyList<RosterRowDto> rows, CancellationToken cancellationToken)
    {
        try
        {
            await JsonSerializer.SerializeAsync(writer.AsStream(leaveOpen: true), rows, Json, cancellationToken);
            await writer.CompleteAsync();
        }
        catch (Exception ex)
        {
            await writer.CompleteAsync(ex);
            throw;
        }
    }
}
