using System.Globalization;
using System.IO.Pipelines;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MedicalAssistance.Functions.Csv;
using MedicalAssistance.Functions.Rosters.Batches;
using MedicalAssistance.Functions.Rosters.Chunks;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Rosters;

/// <summary>
/// The report CSV of a batch (<c>roster-reports/{department}/{batchId}.csv</c>): UTF-8 with BOM so Excel shows Chinese,
/// Chinese headers, every cell neutralised against formula injection. Streams the entries from storage to the blob.
/// </summary>
public sealed class RosterReportWriter(StorageAccount storage, RosterBatchStore batches, Microsoft.Extensions.Options.IOptions<RosterOptions> options)
{
    public static readonly string[] Header = ["行号", "字段", "错误代码", "说明"];

    /// <summary>Writes (or rewrites: idempotent) the report from the batch's entries in the table and returns its blob name.</summary>
    public async Task<string> WriteAsync(RosterBatchRecord batch, CancellationToken cancellationToken)
    {
        var (name, blob) = BlobOf(batch);
        var stream = await blob.OpenWriteAsync(overwrite: true, new BlobOpenWriteOptions { HttpHeaders = HeadersOf(batch) }, cancellationToken);
        await WriteRowsAsync(batch, batches.ReadEntriesAsync(batch.BatchId, kind: null, take: null, cancellationToken), stream, cancellationToken);
        return name;
    }

    /// <summary>
    /// Writes the report of a batch that completes normally from the entries the split and the chunks staged
    /// (<see cref="RosterReportSegments"/>), and returns its blob name. Create-only, committed in one request: two chunks may
    /// complete the batch at once, and the second may read the staged entries while the first, done, deletes them; its report
    /// would lack rows, so it must never replace the first one, which was written while every staged entry was there.
    /// </summary>
    public async Task<string> WriteFromStagingAsync(RosterBatchRecord batch, CancellationToken cancellationToken)
    {
        var (name, blob) = BlobOf(batch);
        var entries = new RosterReportSegments(storage.Container(options.Value.StagingContainer)).ReadMergedAsync(batch.BatchId, cancellationToken);
        var pipe = new Pipe();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writing = WriteToPipeAsync(batch, entries, pipe.Writer, stop.Token);
        try
        {
            await blob.UploadAsync(pipe.Reader.AsStream(), new BlobUploadOptions
            {
                HttpHeaders = HeadersOf(batch),
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another completing chunk wrote it first.
        }
        finally
        {
            // The upload has read all (success) or ended early: a writer still writing stops.
            await stop.CancelAsync();
            await pipe.Reader.CompleteAsync();
            try
            {
                await writing;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }

        return name;
    }

    private static async Task WriteToPipeAsync(RosterBatchRecord batch, IAsyncEnumerable<RosterRowEntry> entries, PipeWriter writer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            // leaveOpen: only a complete report completes the pipe normally; a failure completes it with the error, so the
            // upload fails instead of committing a truncated report.
            await WriteRowsAsync(batch, entries, writer.AsStream(leaveOpen: true), cancellationToken);
            await writer.CompleteAsync();
        }
        catch (Exception ex)
        {
            await writer.CompleteAsync(ex);
            throw;
        }
    }

    private (string Name, BlobClient Blob) BlobOf(RosterBatchRecord batch)
    {
        var name = RosterFiles.ReportBlobName(batch.Department, batch.BatchId);
        return (name, storage.Container(options.Value.ReportsContainer).GetBlobClient(name));
    }

    private static BlobHttpHeaders HeadersOf(RosterBatchRecord batch) =>
        new() { ContentType = "text/csv; charset=utf-8", ContentDisposition = $"attachment; filename=\"{batch.BatchId}.csv\"" };

    private static async Task WriteRowsAsync(RosterBatchRecord batch, IAsyncEnumerable<RosterRowEntry> entries, Stream output, CancellationToken cancellationToken)
    {
        await using var csv = new ExcelCsvWriter(output);
        await csv.WriteRowAsync(Header, cancellationToken);
        if (batch.FailureCode is not null)
        {
            await csv.WriteRowAsync(["0", "$file", batch.FailureCode, batch.FailureReason], cancellationToken);
        }

        if (batch.Late == true)
        {
            var deadline = batch.Deadline is null ? string.Empty : $"（截止日期 {batch.Deadline}）";
            await csv.WriteRowAsync(["0", "$batch", "LATE_SUBMISSION", $"逾期报送：{batch.DeadlineRule}{deadline}"], cancellationToken);
        }

        await foreach (var entry in entries)
        {
            await csv.WriteRowAsync([entry.Row.ToString(CultureInfo.InvariantCulture), entry.Field, entry.Code, entry.Message], cancellationToken);
        }
    }
}
