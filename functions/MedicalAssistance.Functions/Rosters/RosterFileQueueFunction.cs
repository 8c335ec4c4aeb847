using MedicalAssistance.Functions.Hosting;

namespace MedicalAssistance.Functions.Rosters;

/// <summary>
/// An Event Grid <c>Microsoft.Storage.BlobCreated</c> event as delivered to a storage queue (Azure), or as the local blob
/// scanner writes it. Only what intake needs: the subject (<c>/blobServices/default/containers/{c}/blobs/{name}</c>) and the ETag.
/// </summary>
public sealed record BlobCreatedEventMessage(string? Subject, string? EventType, BlobCreatedEventData? Data);

public sealed record BlobCreatedEventData(string? Url, string? ETag, long? ContentLength);

/// <summary>Queue <c>roster-files</c>: one message per roster file version that arrived in <c>rosters/</c>.</summary>
public sealed class RosterFileQueueFunction(RosterFileFunction function) : IQueueFunction<BlobCreatedEventMessage>
{
    private const string BlobsSegment = "/blobs/";

    public async Task RunAsync(BlobCreatedEventMessage message, CancellationToken cancellationToken)
    {
        var blobName = BlobNameOf(message)
            ?? throw new QueueMessageFormatException("The blob-created event names no blob in the rosters container.");
        await function.RunAsync(new RosterFileArrived(blobName, message.Data?.ETag), cancellationToken);
    }

    /// <summary>The blob's name inside <see cref="RosterFiles.Container"/>, from the event's subject (or its URL).</summary>
    public static string? BlobNameOf(BlobCreatedEventMessage message)
    {
        var containerPrefix = $"/containers/{RosterFiles.Container}{BlobsSegment}";
        if (message.Subject is { } subject && subject.IndexOf(containerPrefix, StringComparison.Ordinal) is var at and >= 0)
        {
            return Uri.UnescapeDataString(subject[(at + containerPrefix.Length)..]);
        }

        if (message.Data?.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            var path = Uri.UnescapeDataString(uri.AbsolutePath);
            var marker = $"/{RosterFiles.Container}/";
            var index = path.IndexOf(marker, StringComparison.Ordinal);
            return index >= 0 ? path[(index + marker.Length)..] : null;
        }

        return null;
    }
}
