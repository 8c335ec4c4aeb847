using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs;
using Azure;
using MedicalAssistance.Contracts.Rosters;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters.Batches;
using MedicalAssistance.Functions.Rosters.Chunks;
using MedicalAssistance.Functions.Rosters.Reading;
using MedicalAssistance.Functions.Rosters.Validation;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Rosters;

/// <summary>A roster file version arrived in the roster container (from a blob-created event).</summary>
/// <param name="BlobName">Name inside the container, <c>{department}/…</c>.</param>
/// <param name="ETag">The version announced; null to take the current one.</param>
public sealed record RosterFileArrived(string BlobName, string? ETag);

/// <summary>
/// Takes one roster file version in: the batch record, the deadline, then the split (<see cref="RosterSplit"/>): every row
/// validated, rejected rows reported, good rows routed into chunks by person bucket, one <see cref="RosterChunkMessage"/>
/// per chunk on the chunk queue. The chunks are applied side by side (<see cref="RosterChunkApplier"/>) and the last one
/// completes the batch, so no invocation holds a whole file and many workers share one. At-least-once safe: the batch id
/// comes from the file version; a split interrupted is run again (deterministic); a delivery after the split sends the
/// unfinished chunks' messages again. A file that cannot be read ends as a failed batch with its reason, and the message
/// completes: bad input never loops through the queue.
/// </summary>
public sealed partial class RosterIngest(
    StorageAccount storage,
    RosterBatchStore batches,
    DepartmentStore departments,
    RosterChunkStore chunks,
    PersonKeys keys,
    IdProtector protector,
    QueueSender queues,
    IRosterDeadlines deadlines,
    RosterReportWriter reports,
    RosterBatchCompletion completion,
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
        if (message.ETag is { } announced && !SameETag(announced, eTag))
        {
            // Replaced since the event: the newer version has its own event and batch.
            LogReplaced(logger, message.BlobName);
            return null;
        }

        var departmentCode = RosterFiles.DepartmentOf(message.BlobName) ?? "_none";
        var batchId = BatchIdOf(message.BlobName, properties, eTag);
        var batch = await batches.GetAsync(departmentCode, batchId, cancellationToken);
        if (batch?.BlobETag is { } expected && !SameETag(expected, eTag))
        {
            // The announced batch is tied to another version of this blob (the push records the version it committed): this
            // version is a file of its own, never a duplicate of that batch, whatever became of it.
            batchId = RosterFiles.BatchIdFor(message.BlobName, eTag);
            batch = await batches.GetAsync(departmentCode, batchId, cancellationToken);
        }

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
        if (!IsPushed(properties, batchId) && properties.ContentLength > maxBytes)
        {
            // A dropped file is measured here; a pushed one was measured once, at the edge, on what the client sent.
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
        LogStarted(logger, departmentCode, batchId, batch.Split);
        if (!batch.Split)
        {
            try
            {
                await SplitAsync(batch, department, blob, properties.ContentLength, cancellationToken);
            }
            catch (RosterFileException ex)
            {
                return await FailAsync(batch, ex, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 412 || ex.InnerException is RequestFailedException { Status: 412 })
            {
                return await FailAsync(batch, new RosterFileException(RosterFileErrorCodes.FileChanged, "处理过程中文件被替换，本批次停止；新文件将作为新批次处理"), cancellationToken);
            }
        }

        if (batch.Chunks == 0)
        {
            await completion.TryCompleteAsync(departmentCode, batchId, cancellationToken);
            return await batches.GetAsync(departmentCode, batchId, cancellationToken);
        }

        // Messages for every chunk not yet done (all of them after a fresh split; the rest after a crash before they were sent).
        foreach (var chunk in await chunks.ListAsync(batchId, cancellationToken))
        {
            if (chunk.Status != RosterChunkRecord.DoneStatus)
            {
                await queues.SendAsync(options.Value.ChunkQueue, new RosterChunkMessage(departmentCode, batchId, chunk.Chunk), cancellationToken);
            }
        }

        return batch;
    }

    private async Task SplitAsync(RosterBatchRecord batch, Department department, BlobClient blob, long bytes, CancellationToken cancellationToken)
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
        var split = new RosterSplit(storage.Container(options.Value.StagingContainer), batches, keys, protector, options.Value);
        var result = await split.SplitAsync(batch, rows, checker, RosterSplit.ChunkCountFor(bytes, options.Value.ChunkBytes), cancellationToken);

        // Chunk records first, then the batch that points at them: a crash in between runs the split again.
        await chunks.WriteAsync(result.Chunks, cancellationToken);
        batch.Rows = result.Rows;
        batch.LastRow = result.LastRow;
        batch.ValidationRejected = result.Rejected;
        batch.ValidationErrorEntries = result.ErrorEntries;
        batch.Rejected = result.Rejected;
        batch.ErrorEntries = result.ErrorEntries;
        batch.Chunks = result.Chunks.Count;
        batch.Split = true;
        await batches.SaveAsync(batch, cancellationToken);
    }

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

        return await GivenUpAsync(batch, cancellationToken);
    }

    /// <summary>The host gave up on one of the batch's chunk messages: the batch ends as failed, like a given-up file.</summary>
    public async Task<RosterBatchRecord?> GiveUpBatchAsync(string department, string batchId, CancellationToken cancellationToken) =>
        await batches.GetAsync(department, batchId, cancellationToken) is { } batch && batch.Status is not (RosterBatchStatus.Done or RosterBatchStatus.Failed)
            ? await GivenUpAsync(batch, cancellationToken)
            : null;

    private async Task<RosterBatchRecord> GivenUpAsync(RosterBatchRecord batch, CancellationToken cancellationToken)
    {
        // A chunk that last failed because storage was out of reach says so (RosterChunkApplier records it when it can).
        var stalled = batch.Chunks > 0
            ? (await chunks.ListAsync(batch.BatchId, cancellationToken)).Where(c => c.StalledReason is not null).MaxBy(c => c.StalledAt)
            : null;
        var reason = stalled is null
            ? "系统多次处理本文件均未成功，本批次已停止（原因已记录，供运维排查）；文件已保留，可重新上传或联系运维"
            : $"存储服务多次不可用（{stalled.StalledReason}），本批次已停止；已处理的行已保存，文件已保留，可重新上传或联系运维";
        return await FailAsync(batch, new RosterFileException(RosterFileErrorCodes.ProcessingFailed, reason), cancellationToken);
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
        SameETag(eTag, current.ETag.ToString())
        && current.Metadata.TryGetValue(RosterFiles.BatchIdMetadata, out var announced) && RosterFiles.IsBatchId(announced)
            ? announced
            : RosterFiles.BatchIdFor(blobName, eTag);

    /// <summary>The blob is the upload of an HTTP push, announced as this batch.</summary>
    private static bool IsPushed(BlobProperties properties, string batchId) =>
        properties.Metadata.TryGetValue(RosterFiles.BatchIdMetadata, out var announced) && announced == batchId;

    private static bool SameETag(string a, string b) => a.Trim('"') == b.Trim('"');

    private async Task<RosterBatchRecord> FailAsync(RosterBatchRecord batch, RosterFileException error, CancellationToken cancellationToken)
    {
        var processed = batch.Split ? await completion.CountChunksAsync(batch, cancellationToken) : 0;
        batch.Status = RosterBatchStatus.Failed;
        batch.FailureCode = error.Code;
        batch.FailureReason = processed > 0
            ? $"{error.Message}（全部 {batch.Rows} 行中已处理 {processed} 行，见报告）"
            : error.Message;
        batch.FinishedAt = time.GetUtcNow();
        batch.ReportBlob = await reports.WriteAsync(batch, cancellationToken);
        await batches.SaveAsync(batch, cancellationToken);
        await completion.DeleteStagingAsync(batch.BatchId, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Roster batch {Department}/{BatchId} processing (split already done: {Split})")]
    private static partial void LogStarted(ILogger logger, string department, string batchId, bool split);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Roster batch {Department}/{BatchId} failed: {Code} (cause {Cause} in {Site})")]
    private static partial void LogFailed(ILogger logger, string department, string batchId, string code, string cause, string site);
}
