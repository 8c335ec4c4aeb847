using MedicalAssistance.Hosting.BlobArrivals;
using MedicalAssistance.Hosting.Queues;

namespace MedicalAssistance.Functions.Rosters;

/// <summary>
/// Queue <c>roster-files</c>: one Event Grid BlobCreated event per roster file version that arrived in <c>rosters/</c>
/// (Event Grid in Azure, the blob scanner locally). Completes for every file it could read or reject; throws only for
/// storage trouble, so that the queue retries. When the host gives up on a message, its batch ends as failed.
/// </summary>
public sealed class RosterFileHandler(RosterIngest function, Microsoft.Extensions.Options.IOptions<RosterOptions> options)
{
    public async Task GivenUpAsync(BlobCreatedEvent message, CancellationToken cancellationToken)
    {
        if (message.IsBlobCreated && message.ContainerName == options.Value.Container)
        {
            await function.GiveUpAsync(new RosterFileArrived(message.BlobName, message.ETag), cancellationToken);
        }
    }

    public async Task RunAsync(BlobCreatedEvent message, CancellationToken cancellationToken)
    {
        if (!message.IsBlobCreated || message.ContainerName != options.Value.Container)
        {
            throw new QueueMessageFormatException($"Not a blob-created event of container '{options.Value.Container}': {message.EventType} {message.Subject}");
        }

        await function.RunAsync(new RosterFileArrived(message.BlobName, message.ETag), cancellationToken);
    }
}
