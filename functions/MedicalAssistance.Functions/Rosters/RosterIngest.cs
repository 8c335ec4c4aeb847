using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs;
using Azure;
using MedicalAssistance.Contracts.Rosters;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Rosters.Batches;
using MedicalAssistance.Functions.Rosters.Reading;
using MedicalAssistance.Functions.Rosters.Validation;
using MedicalAssistance.Hosting.Storage;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Rosters;

/// <summary>A roster file version arrived in the roster container (from a blob-created event).</summary>
/// <param name="BlobName">Name inside the container, <c>{department}/…</c>.</param>
/// <param name="ETag">The version announced; null to take the current one.</param>
public sealed record RosterFileArrived(string BlobName, string? ETag);

/// <summary>
/// Ingests one roster file: reads it as a stream, validates each row, applies good rows through the identity ledger in
/// chunks, records every rejected row, and writes the batch report. At-least-once safe: the batch id comes from the file
/// version, every chunk is checkpointed, and a second delivery or a restart after a crash continues from the checkpoint
/// (the ledger is idempotent for a chunk interrupted half-way). A file that cannot be read ends as a failed batch with its
/// reason, and the message completes: bad input never loops through the queue.
/// </summary>
public sealed partial class RosterIngest(
    StorageAccount storage,
    RosterBatchStore batches,
    DepartmentStore departments,
    IRosterLedger ledger,
    IRosterDeadlines deadlines,
    RosterReportWriter reports,
    IOptions<RosterOptions> options,
    TimeProvider time,
    ILogger<RosterIngest> logger)
{
    /// <summary>Processes the file; returns the batch as it ended, or null when the file no longer exists.</summary>
    public async Task<RosterBatchRecord?> RunAsync(RosterFileArrived message, CancellationToken cancellationToken)
    {
        var blob = storage.Container(options.Value.Container).GetBlobClient(message.BlobName);
        if (await PropertiesAsync(blob, cancellationToken) is not { } properties)
        {
            LogGone(logger, message.BlobName);
            return null;
        }

        var eTag = properties.ETag.ToString();
        if (message.ETag is { } announced && announced.Trim('"') != eTag.Trim('"'))
        {
            // Replaced since the event: the newer version has its own event and batch.
            LogReplaced(logger, message.BlobName);
            return null;
        }

        var departmentCode = RosterFiles.DepartmentOf(message.BlobName) ?? "_none";
        var batchId = BatchIdOf(message.BlobName, properties, eTag);
        var batch = await batches.GetAsync(departmentCode, batchId, cancellationToken);
        if (batch is null)
        {
            batch = new RosterBatchRecord
            {
                PartitionKey = departmentCode,
                RowKey = batchId,
                Status = RosterBatchStatus.Queued,
                BlobName = message.BlobName,
                SubmittedBy = properties.Metadata.TryGetValue(RosterFiles.SubmittedByMetadata, out var by) ? by : "blob:" + departmentCode,
                ReceivedAt = properties.CreatedOn,
            };
            if (!await batches.TryAddAsync(batch, cancellationToken))
            {
                batch = await batches.GetAsync(departmentCode, batchId, cancellationToken) ?? throw new InvalidOperationException("Batch vanished after a conflict");
            }
        }

        if (batch.Status is RosterBatchStatus.Done or RosterBatchStatus.Failed)
        {
            LogAlreadyFinished(logger, departmentCode, batchId, batch.Status);
            return batch;
        }

        batch.BlobETag ??= eTag;
        batch.StartedAt ??= time.GetUtcNow();
        batch.Status = RosterBatchStatus.Processing;
        var maxBytes = options.Value.MaxFileBytes;
        if (properties.ContentLength > maxBytes)
        {
            return await FailAsync(batch, RosterFileReader.TooLarge(maxBytes), cancellationToken);
        }

        var department = await departments.GetAsync(departmentCode, cancellationToken);
        if (department is null)
        {
            return await FailAsync(batch, new RosterFileException(RosterFileErrorCodes.UnknownDepartment, $"未知的报送部门“{departmentCode}”：文件应放在 rosters/{{部门代码}}/ 下"), cancellationToken);
        }

        if (batch.Late is null)
        {
            var deadline = deadlines.Check(department, batch.ReceivedAt);
            batch.Late = deadline.Late;
            batch.Deadline = deadline.Deadline?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            batch.DeadlineRule = deadline.Rule;
        }

        await batches.SaveAsync(batch, cancellationToken);
        LogStarted(logger, departmentCode, batchId, batch.LastRow);
        try
        {
            await IngestAsync(batch, department, blob, cancellationToken);
        }
        catch (RosterFileException ex)
        {
            return await FailAsync(batch, ex, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412 || ex.InnerException is RequestFailedException { Status: 412 })
        {
            return await FailAsync(batch, new RosterFileException(RosterFileErrorCodes.FileChanged, "处理过程中文件被替换，本批次停止；新文件将作为新批次处理"), cancellationToken);
        }

        batch.Status = RosterBatchStatus.Done;
        batch.FinishedAt = time.GetUtcNow();
        batch.ReportBlob = await reports.WriteAsync(batch, cancellationToken);
        await batches.SaveAsync(batch, cancellationToken);
        LogDone(logger, departmentCode, batchId, batch.Rows, batch.Applied, batch.Unchanged, batch.Rejected);
        return batch;
    }

    private async Task IngestAsync(RosterBatchRecord batch, Department department, BlobClient blob, CancellationToken cancellationToken)
    {
        // Reading only the version this batch started with: a replaced file fails with 412 instead of mixing two files.
        var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false)
        {
            Conditions = new BlobRequestConditions { IfMatch = new ETag(batch.BlobETag!) },
            BufferSize = 4 * 1024 * 1024,
        }, cancellationToken);
        await using var rows = await RosterFileReader.OpenAsync(stream, batch.BlobName, options.Value.MaxFileBytes, cancellationToken);
        batch.Format = rows.Format.ToString().ToLowerInvariant();

        var checker = new RosterRowChecker(department, RosterRowChecker.TodayInChina(time));
        var context = new RosterBatchContext(batch.BatchId, department, batch.SubmittedBy, batch.ReceivedAt);
        var chunkSize = Math.Max(1, options.Value.ChunkSize);
        var chunk = new List<RawRosterRow>(chunkSize);
        while (true)
        {
            var raw = await rows.NextAsync(cancellationToken);
            if (raw is not null && raw.Row <= batch.LastRow)
            {
                continue; // Checkpointed by an earlier attempt.
            }

            if (raw is not null)
            {
                chunk.Add(raw);
            }

            if (chunk.Count == chunkSize || raw is null && chunk.Count > 0)
            {
                await ApplyChunkAsync(batch, context, checker, chunk, cancellationToken);
                chunk.Clear();
            }

            if (raw is null)
            {
                return;
            }
        }
    }

    private async Task ApplyChunkAsync(RosterBatchRecord batch, RosterBatchContext context, RosterRowChecker checker, List<RawRosterRow> chunk, CancellationToken cancellationToken)
    {
        var errors = new List<RowError>();
        var good = new List<RosterRow>(chunk.Count);
        foreach (var raw in chunk)
        {
            if (checker.Check(raw, errors) is { } row)
            {
                good.Add(row);
            }
        }

        var entries = new List<RosterRowEntry>(errors.Count);
        var rejected = chunk.Count - good.Count;
        var applied = 0;
        var unchanged = 0;
        foreach (var group in errors.GroupBy(e => e.Row))
        {
            entries.AddRange(group.Select((e, i) => Entry(batch.BatchId, RosterRowEntry.ErrorKind, e, i)));
        }

        if (good.Count > 0)
        {
            var outcomes = await ledger.ApplyAsync(context, good, cancellationToken);
            var byRow = outcomes.ToDictionary(o => o.Row);
            foreach (var row in good)
            {
                if (!byRow.TryGetValue(row.Row, out var outcome))
                {
                    throw new InvalidOperationException($"The ledger returned no outcome for row {row.Row} of batch {batch.BatchId}");
                }

                switch (outcome.Kind)
                {
                    case RowOutcomeKind.Applied:
                        applied++;
                        break;
                    case RowOutcomeKind.Unchanged:
                        unchanged++;
                        break;
                    default:
                        rejected++;
                        var error = outcome.Error ?? new RowError(row.Row, "$row", "REJECTED_BY_LEDGER", "该行未被采纳");
                        entries.Add(Entry(batch.BatchId, RosterRowEntry.ErrorKind, error with { Row = row.Row }, 0));
                        break;
                }

                // Notes sort after the row's error (if any) and never collide with it.
                entries.AddRange((outcome.Notes ?? []).Select((note, i) =>
                    Entry(batch.BatchId, RosterRowEntry.NoteKind, new RowError(row.Row, string.Empty, "NOTE", note), 100 + i)));
            }
        }

        // Entries first, then the checkpoint: a crash in between rewrites the same entries (same keys) on resume.
        await batches.WriteEntriesAsync(entries, cancellationToken);
        batch.Rows += chunk.Count;
        batch.Applied += applied;
        batch.Unchanged += unchanged;
        batch.Rejected += rejected;
        batch.ErrorEntries += entries.Count(e => e.Kind == RosterRowEntry.ErrorKind);
        batch.NoteEntries += entries.Count(e => e.Kind == RosterRowEntry.NoteKind);
        batch.LastRow = chunk[^1].Row;
        await batches.SaveAsync(batch, cancellationToken);
    }

    private static RosterRowEntry Entry(string batchId, string kind, RowError error, int index) => new()
    {
        PartitionKey = batchId,
        RowKey = RosterRowEntry.Key(error.Row, index),
        Row = error.Row,
        Kind = kind,
        Field = error.Field,
        Code = error.Code,
        Message = error.Message,
    };

    /// <summary>
    /// The host gave up on this file's message (it failed <c>maxDequeueCount</c> times: storage kept failing, or a bug): ends
    /// the batch as failed with a reason instead of leaving it "processing" for ever. The message stays in the poison queue
    /// with its failures recorded; the department re-uploads, or an operator investigates.
    /// </summary>
    /// <returns>The batch as it ended; null when there is no file or no batch.</returns>
    public async Task<RosterBatchRecord?> GiveUpAsync(RosterFileArrived message, CancellationToken cancellationToken)
    {
        if (await PropertiesAsync(storage.Container(options.Value.Container).GetBlobClient(message.BlobName), cancellationToken) is not { } properties)
        {
            return null;
        }

        var batchId = BatchIdOf(message.BlobName, properties, message.ETag ?? properties.ETag.ToString());
        var batch = await batches.GetAsync(RosterFiles.DepartmentOf(message.BlobName) ?? "_none", batchId, cancellationToken);
        if (batch is null || batch.Status is RosterBatchStatus.Done or RosterBatchStatus.Failed)
        {
            return batch;
        }

        return await FailAsync(batch, new RosterFileException(RosterFileErrorCodes.ProcessingFailed,
            "系统多次处理本文件均未成功，本批次已停止（原因已记录，供运维排查）；文件已保留，可重新上传或联系运维"), cancellationToken);
    }

    /// <summary>The blob's current properties, or null when it no longer exists.</summary>
    private static async Task<BlobProperties?> PropertiesAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// The batch of a file version: the id an HTTP upload announced in the blob's metadata (when it is this version), or the
    /// one derived from the blob name and ETag.
    /// </summary>
    private static string BatchIdOf(string blobName, BlobProperties current, string eTag) =>
        eTag.Trim('"') == current.ETag.ToString().Trim('"')
        && current.Metadata.TryGetValue(RosterFiles.BatchIdMetadata, out var announced) && RosterFiles.IsBatchId(announced)
            ? announced
            : RosterFiles.BatchIdFor(blobName, eTag);

    private async Task<RosterBatchRecord> FailAsync(RosterBatchRecord batch, RosterFileException error, CancellationToken cancellationToken)
    {
        batch.Status = RosterBatchStatus.Failed;
        batch.FailureCode = error.Code;
        batch.FailureReason = batch.Rows > 0
            ? $"{error.Message}（第 {batch.LastRow} 行及之前的 {batch.Rows} 行已处理，见报告）"
            : error.Message;
        batch.FinishedAt = time.GetUtcNow();
        batch.ReportBlob = await reports.WriteAsync(batch, cancellationToken);
        await batches.SaveAsync(batch, cancellationToken);
        // The parser's own exception (if any) says what was wrong with the bytes; its type is enough for the log.
        LogFailed(logger, batch.Department, batch.BatchId, error.Code, error.InnerException?.GetType().Name ?? "-", error.InnerException?.TargetSite?.Name ?? "-");
        return batch;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Roster file {BlobName} no longer exists; nothing to do")]
    private static partial void LogGone(ILogger logger, string blobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Roster file {BlobName} was replaced since the event; the new version is its own batch")]
    private static partial void LogReplaced(ILogger logger, string blobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Roster batch {Department}/{BatchId} already {Status}; duplicate delivery ignored")]
    private static partial void LogAlreadyFinished(ILogger logger, string department, string batchId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Roster batch {Department}/{BatchId} processing from row {LastRow}")]
    private static partial void LogStarted(ILogger logger, string department, string batchId, int lastRow);

    [LoggerMessage(Level = LogLevel.Information, Message = "Roster batch {Department}/{BatchId} done: {Rows} rows, {Applied} applied, {Unchanged} unchanged, {Rejected} rejected")]
    private static partial void LogDone(ILogger logger, string department, string batchId, int rows, int applied, int unchanged, int rejected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Roster batch {Department}/{BatchId} failed: {Code} (cause {Cause} in {Site})")]
    private static partial void LogFailed(ILogger logger, string department, string batchId, string code, string cause, string site);
}
