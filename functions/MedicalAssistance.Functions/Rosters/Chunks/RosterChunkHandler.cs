using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Queues;

namespace MedicalAssistance.Functions.Rosters.Chunks;

/// <summary>
/// Queue <c>roster-chunks</c>: one chunk of a split roster batch. Throws only for storage trouble, so that the queue retries;
/// when the host gives up on a chunk, its batch ends as failed with a reason instead of staying "processing".
/// </summary>
public sealed class RosterChunkHandler(RosterChunkApplier applier, RosterIngest ingest)
{
    public Task RunAsync(RosterChunkMessage message, CancellationToken cancellationToken) => applier.ApplyAsync(message, cancellationToken);

    public Task GivenUpAsync(RosterChunkMessage message, CancellationToken cancellationToken) =>
        ingest.GiveUpBatchAsync(message.Department, message.BatchId, cancellationToken);
}
