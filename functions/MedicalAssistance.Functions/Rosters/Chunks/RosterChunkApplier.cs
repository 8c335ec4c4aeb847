using MedicalAssistance.Contracts.Rosters;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters.Batches;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Rosters.Chunks;

/// <summary>
/// The second stage of a roster batch: applies one chunk's rows (file order, across its staged segments) through the identity
/// ledger in sub-chunks of <see cref="RosterOptions.ChunkSize"/>, records the ledger's rejections and notes, and checkpoints the chunk after each
/// sub-chunk. At-least-once safe: a duplicate message or a restart continues from the checkpoint, and the ledger answers a
/// row it applied before the crash exactly as the first time. The chunk that finishes last completes the batch.
/// </summary>
public sealed partial class RosterChunkApplier(
    StorageAccount storage,
    RosterBatchStore batches,
    RosterChunkStore chunks,
    DepartmentStore departments,
    IRosterLedger ledger,
    IdProtector protector,
    RosterBatchCompletion completion,
    IOptions<RosterOptions> options,
    TimeProvider time,
    ILogger<RosterChunkApplier> logger)
{
    /// <summary>
    /// Applies the chunk. When storage is out of reach the queue retries the message; before that the chunk records since when
    /// it waits (if the chunks table can still be written), so the batch's report says so instead of only "processing".
    /// </summary>
    public async Task ApplyAsync(RosterChunkMessage message, CancellationToken cancellationToken)
    {
        RosterChunkRecord? chunk = null;
        try
        {
            await ApplyAsync(message, c => chunk = c, cancellationToken);
        }
        catch (Exception ex) when (StorageUnavailable.Is(ex) && !cancellationToken.IsCancellationRequested)
        {
            LogStalled(logger, message.Department, message.BatchId, message.Chunk, StorageUnavailable.Describe(ex));
            if (chunk is not null)
            {
                await MarkStalledAsync(chunk, ex);
            }

            throw;
        }
    }

    private async Task MarkStalledAsync(RosterChunkRecord chunk, Exception failure)
    {
        try
        {
            // A fresh read: the failed attempt may have left the in-memory record ahead of the stored one.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            if (await chunks.GetAsync(chunk.BatchId, chunk.Chunk, timeout.Token) is { } stored && stored.Status != RosterChunkRecord.DoneStatus)
            {
                stored.StalledAt ??= time.GetUtcNow();
                stored.StalledReason = StorageUnavailable.Describe(failure);
                await chunks.SaveAsync(stored, timeout.Token);
            }
        }
        catch (Exception ex) when (StorageUnavailable.Is(ex) || ex is OperationCanceledException)
        {
            // Storage is down altogether: nothing can be recorded; GET /api/health names the service.
        }
    }

    private async Task ApplyAsync(RosterChunkMessage message, Action<RosterChunkRecord> read, CancellationToken cancellationToken)
    {
        var batch = await batches.GetAsync(message.Department, message.BatchId, cancellationToken);
        if (batch is null || batch.Status is RosterBatchStatus.Done or RosterBatchStatus.Failed)
        {
            return; // A duplicate delivery for a batch that has ended.
        }

        var chunk = await chunks.GetAsync(message.BatchId, message.Chunk, cancellationToken)
            ?? throw new InvalidOperationException($"Roster batch {message.BatchId} has no chunk {message.Chunk}");
        read(chunk);
        if (chunk.Status != RosterChunkRecord.DoneStatus)
        {
            var department = await departments.GetAsync(message.Department, cancellationToken)
                ?? throw new InvalidOperationException($"Department {message.Department} of batch {message.BatchId} vanished");
            var context = new RosterBatchContext(batch.BatchId, department, batch.SubmittedBy, batch.ReceivedAt);
            var staging = storage.Container(options.Value.StagingContainer);
            // Parts of ChunkSize rows across the chunk's segments (one per split flush, a few hundred rows each in a large file):
            // the fewer and fuller the parts, the fuller the ledger's entity-group transactions and the fewer the checkpoints.
            var size = Math.Max(1, options.Value.ChunkSize);
            var part = new List<RosterRow>(size);
            foreach (var segment in RosterChunkStore.SegmentsOf(chunk))
            {
                foreach (var row in await RosterSplit.ReadSegmentAsync(staging, protector, batch.BatchId, segment, cancellationToken))
                {
                    if (row.Row <= chunk.LastRow)
                    {
                        continue; // applied before a restart
                    }

                    part.Add(row);
                    if (part.Count == size)
                    {
                        await ApplyPartAsync(chunk, context, [.. part], cancellationToken);
                        part.Clear();
                    }
                }
            }

            if (part.Count > 0)
            {
                await ApplyPartAsync(chunk, context, [.. part], cancellationToken);
            }

            chunk.Status = RosterChunkRecord.DoneStatus;
            (chunk.StalledAt, chunk.StalledReason) = (null, null);
            await chunks.SaveAsync(chunk, cancellationToken);
            LogChunkDone(logger, batch.Department, batch.BatchId, message.Chunk, chunk.Rows, chunk.Applied, chunk.Unchanged, chunk.Rejected);
        }

        await completion.TryCompleteAsync(message.Department, message.BatchId, cancellationToken);
    }

    /// <summary>
    /// Applies every unfinished chunk of a batch in this process, one after another (seed-demo, which runs before any queue
    /// listener). Their messages stay on the queue and find the batch done.
    /// </summary>
    public async Task ApplyAllAsync(string department, string batchId, CancellationToken cancellationToken)
    {
        foreach (var chunk in await chunks.ListAsync(batchId, cancellationToken))
        {
            // Another process may apply the same chunk meanwhile (its queue message): a conflict reads it again and goes on
            // from its checkpoint, as the queue's retry would.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ApplyAsync(new RosterChunkMessage(department, batchId, chunk.Chunk), cancellationToken);
                    break;
                }
                catch (RosterBatchConflictException) when (attempt < 20)
                {
                }
            }
        }
    }

    private async Task ApplyPartAsync(RosterChunkRecord chunk, RosterBatchContext context, RosterRow[] rows, CancellationToken cancellationToken)
    {
        var outcomes = await ledger.ApplyAsync(context, rows, cancellationToken);
        var byRow = outcomes.ToDictionary(o => o.Row);
        var entries = new List<RosterRowEntry>();
        int applied = 0, unchanged = 0, rejected = 0;
        foreach (var row in rows)
        {
            if (!byRow.TryGetValue(row.Row, out var outcome))
            {
                throw new InvalidOperationException($"The ledger returned no outcome for row {row.Row} of batch {context.BatchId}");
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
                    entries.Add(RosterRowEntry.For(context.BatchId, RosterRowEntry.ErrorKind, error with { Row = row.Row }, 0));
                    break;
            }

            // Notes sort after the row's error (if any) and never collide with it.
            entries.AddRange((outcome.Notes ?? []).Select((note, i) =>
                RosterRowEntry.For(context.BatchId, RosterRowEntry.NoteKind, new RowError(row.Row, string.Empty, "NOTE", note), 100 + i)));
        }

        // Entries first, then the checkpoint: a crash in between rewrites the same entries (same keys) on resume.
        await batches.WriteEntriesAsync(entries, cancellationToken);
        await new RosterReportSegments(storage.Container(options.Value.StagingContainer))
            .WriteAsync(context.BatchId, RosterReportSegments.ChunkSource(chunk.Chunk), entries, cancellationToken);
        chunk.Done += rows.Length;
        chunk.Applied += applied;
        chunk.Unchanged += unchanged;
        chunk.Rejected += rejected;
        chunk.ErrorEntries += entries.Count(e => e.Kind == RosterRowEntry.ErrorKind);
        chunk.NoteEntries += entries.Count(e => e.Kind == RosterRowEntry.NoteKind);
        chunk.LastRow = rows[^1].Row;
        (chunk.StalledAt, chunk.StalledReason) = (null, null); // storage answers again
        await chunks.SaveAsync(chunk, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Roster batch {Department}/{BatchId} chunk {Chunk}: storage out of reach ({Reason}); the queue retries it")]
    private static partial void LogStalled(ILogger logger, string department, string batchId, int chunk, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Roster batch {Department}/{BatchId} chunk {Chunk} done: {Rows} rows, {Applied} applied, {Unchanged} unchanged, {Rejected} rejected")]
    private static partial void LogChunkDone(ILogger logger, string department, string batchId, int chunk, int rows, int applied, int unchanged, int rejected);
}
