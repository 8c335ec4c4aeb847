using MedicalAssistance.Contracts.Rosters;
using Azure.Storage.Blobs.Models;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Functions.Rosters.Batches;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Rosters.Chunks;

/// <summary>
/// Ends a split batch once every chunk is done: adds the chunks' counts to the split's, writes the report, marks the batch
/// done and deletes its staged rows. Called after each chunk; the chunk that finishes last finds them all done (its own
/// write precedes its read). Two finishing at once both compute the same batch; the second's save conflicts and its
/// message is retried, then finds the batch done.
/// </summary>
public sealed partial class RosterBatchCompletion(
    StorageAccount storage,
    RosterBatchStore batches,
    RosterChunkStore chunks,
    RosterReportWriter reports,
    IOptions<RosterOptions> options,
    TimeProvider time,
    ILogger<RosterBatchCompletion> logger)
{
    public async Task TryCompleteAsync(string department, string batchId, CancellationToken cancellationToken)
    {
        var batch = await batches.GetAsync(department, batchId, cancellationToken);
        if (batch is null || !batch.Split || batch.Status is RosterBatchStatus.Done or RosterBatchStatus.Failed)
        {
            return;
        }

        var all = await chunks.ListAsync(batchId, cancellationToken);
        if (all.Count < batch.Chunks || all.Any(c => c.Status != RosterChunkRecord.DoneStatus))
        {
            return;
        }

        AddCounts(batch, all);
        batch.Status = RosterBatchStatus.Done;
        batch.FinishedAt = time.GetUtcNow();
        batch.ReportBlob = await reports.WriteFromStagingAsync(batch, cancellationToken);
        try
        {
            await batches.SaveAsync(batch, cancellationToken);
        }
        catch (RosterBatchConflictException)
        {
            if ((await batches.GetAsync(department, batchId, cancellationToken))?.Status is RosterBatchStatus.Done)
            {
                return; // Another worker's chunk finished the batch first, with the same counts.
            }

            throw;
        }

        await DeleteStagingAsync(batchId, cancellationToken);
        LogDone(logger, department, batchId, batch.Rows, batch.Applied, batch.Unchanged, batch.Rejected);
    }

    /// <summary>Puts the chunks' counts so far into the batch (a batch that fails part-way); returns the rows processed.</summary>
    public async Task<int> CountChunksAsync(RosterBatchRecord batch, CancellationToken cancellationToken)
    {
        var all = await chunks.ListAsync(batch.BatchId, cancellationToken);
        AddCounts(batch, all);
        return batch.ValidationRejected + all.Sum(c => c.Done);
    }

    private static void AddCounts(RosterBatchRecord batch, List<RosterChunkRecord> all)
    {
        batch.Applied = all.Sum(c => c.Applied);
        batch.Unchanged = all.Sum(c => c.Unchanged);
        batch.Rejected = batch.ValidationRejected + all.Sum(c => c.Rejected);
        batch.ErrorEntries = batch.ValidationErrorEntries + all.Sum(c => c.ErrorEntries);
        batch.NoteEntries = all.Sum(c => c.NoteEntries);
    }

    /// <summary>The staged rows hold ID numbers (encrypted): they go once the batch has ended.</summary>
    public async Task DeleteStagingAsync(string batchId, CancellationToken cancellationToken)
    {
        var staging = storage.Container(options.Value.StagingContainer);
        await foreach (var blob in staging.GetBlobsAsync(BlobTraits.None, BlobStates.None, batchId + "/", cancellationToken))
        {
            await staging.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Roster batch {Department}/{BatchId} done: {Rows} rows, {Applied} applied, {Unchanged} unchanged, {Rejected} rejected")]
    private static partial void LogDone(ILogger logger, string department, string batchId, int rows, int applied, int unchanged, int rejected);
}
