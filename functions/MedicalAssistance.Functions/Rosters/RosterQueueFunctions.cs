using MedicalAssistance.Functions.Rosters.Chunks;
using MedicalAssistance.Hosting.BlobArrivals;
using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Rosters;

/// <summary>
/// Roster files arrive as Event Grid <c>BlobCreated</c> events on a storage queue (locally the blob scanner sends the same
/// events); each is split into chunks applied one message at a time. A message given up (moved to <c>-poison</c> after
/// <c>maxDequeueCount</c> failures) ends its batch as failed, so a department never waits on a batch that will not finish.
/// </summary>
public sealed class RosterQueueFunctions(RosterFileHandler files, RosterChunkHandler chunks)
{
    [Function("RosterFileArrived")]
    public Task RosterFileArrived([QueueTrigger("%Rosters:Queue%")] BlobCreatedEvent message, CancellationToken cancellationToken) =>
        files.RunAsync(message, cancellationToken);

    [Function("RosterFileGivenUp")]
    public Task RosterFileGivenUp([QueueTrigger("%Rosters:Queue%-poison")] BlobCreatedEvent message, CancellationToken cancellationToken) =>
        files.GivenUpAsync(message, cancellationToken);

    [Function("RosterChunk")]
    public Task RosterChunk([QueueTrigger("%Rosters:ChunkQueue%")] RosterChunkMessage message, CancellationToken cancellationToken) =>
        chunks.RunAsync(message, cancellationToken);

    [Function("RosterChunkGivenUp")]
    public Task RosterChunkGivenUp([QueueTrigger("%Rosters:ChunkQueue%-poison")] RosterChunkMessage message, CancellationToken cancellationToken) =>
        chunks.GivenUpAsync(message, cancellationToken);
}
