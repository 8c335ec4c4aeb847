using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs.Models;
using Azure;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Telemetry;

namespace MedicalAssistance.Hosting.BlobArrivals;

/// <summary>
/// The local stand-in for Event Grid: lists a watched container/prefix and enqueues one <see cref="BlobCreatedEvent"/> per
/// new (blob name, ETag). A re-scan is harmless (receipts), a re-uploaded blob (new ETag) is announced again.
/// To avoid re-reading receipts for a huge container on every scan, blobs last modified before the watch's watermark
/// (the newest last-modified seen, minus <see cref="WatermarkMargin"/>) are skipped without a lookup, and versions already
/// seen by this process are remembered in memory. (Listing itself cannot be avoided: blob listing has no "changed since" filter.)
/// </summary>
internal sealed partial class BlobArrivalScanner(StorageAccount storage, BlobReceipts receipts, QueueSender sender, TimeProvider time, ILogger logger)
{
    /// <summary>Covers blobs committed while a listing was under way and slightly unordered clocks.</summary>
    public static readonly TimeSpan WatermarkMargin = TimeSpan.FromHours(1);

    private readonly Dictionary<BlobArrivalWatch, Dictionary<string, (string ETag, DateTimeOffset LastModified)>> _seen = [];

    /// <summary>Scans once; returns how many messages it sent.</summary>
    public async Task<int> ScanAsync(BlobArrivalWatch watch, CancellationToken ct)
    {
        using var invocation = FunctionInvocation.Start(logger, "blob-scan", "BlobArrivals",
            new("Container", watch.Container), new("Prefix", watch.Prefix), new("Queue", watch.QueueName));
        try
        {
            var sent = await ScanCoreAsync(watch, ct);
            invocation.Succeeded();
            return sent;
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException)
        {
            invocation.Failed(ex);
            throw;
        }
    }

    private async Task<int> ScanCoreAsync(BlobArrivalWatch watch, CancellationToken ct)
    {
        if (!_seen.TryGetValue(watch, out var seen))
        {
            _seen[watch] = seen = new Dictionary<string, (string, DateTimeOffset)>(StringComparer.Ordinal);
        }

        var watermark = await receipts.ReadWatermarkAsync(watch, ct);
        var skipBefore = watermark - WatermarkMargin;
        DateTimeOffset? newest = watermark;
        var complete = true;
        var sent = 0;
        var container = storage.Container(watch.Container);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, watch.Prefix, ct))
        {
            var lastModified = blob.Properties.LastModified ?? time.GetUtcNow();
            var eTag = BlobReceipts.RowFor(blob.Properties.ETag?.ToString() ?? "");
            if (lastModified < skipBefore || (seen.TryGetValue(blob.Name, out var known) && known.ETag == eTag))
            {
                continue;
            }

            switch (await AnnounceAsync(watch, blob, eTag, lastModified, ct))
            {
                case Outcome.Sent:
                    sent++;
                    seen[blob.Name] = (eTag, lastModified);
                    break;
                case Outcome.AlreadyDone:
                    seen[blob.Name] = (eTag, lastModified);
                    break;
                default:
                    complete = false; // claimed by another scanner that may still fail: look again next time
                    break;
            }

            if (newest is null || lastModified > newest)
            {
                newest = lastModified;
            }
        }

        if (complete && newest is { } mark && mark != watermark)
        {
            await receipts.WriteWatermarkAsync(watch, mark, ct);
        }

        // Forget what the watermark now skips anyway, so memory follows the recent blobs, not the container.
        if (newest is { } latest)
        {
            var forgetBefore = latest - WatermarkMargin;
            foreach (var name in seen.Where(s => s.Value.LastModified < forgetBefore).Select(s => s.Key).ToList())
            {
                seen.Remove(name);
            }
        }

        if (sent > 0)
        {
            LogAnnounced(logger, sent, watch.Container, watch.Prefix ?? "", watch.QueueName);
        }

        return sent;
    }

    private async Task<Outcome> AnnounceAsync(BlobArrivalWatch watch, BlobItem blob, string eTag, DateTimeOffset lastModified, CancellationToken ct)
    {
        if (await receipts.IsEnqueuedAsync(watch.Container, blob.Name, eTag, ct))
        {
            return Outcome.AlreadyDone;
        }

        var claim = await receipts.TryClaimAsync(watch.Container, blob.Name, eTag, time.GetUtcNow(), ct);
        if (claim is null)
        {
            return await receipts.IsEnqueuedAsync(watch.Container, blob.Name, eTag, ct) ? Outcome.AlreadyDone : Outcome.ClaimedElsewhere;
        }

        var message = EventFor(watch.Container, blob, eTag, lastModified);
        await sender.SendAsync(watch.QueueName, message, ct);
        await receipts.MarkEnqueuedAsync(watch.Container, blob.Name, eTag, claim.Value, message.Id, time.GetUtcNow(), ct);
        return Outcome.Sent;
    }

    private BlobCreatedEvent EventFor(string containerName, BlobItem blob, string eTag, DateTimeOffset lastModified)
    {
        // The id is derived from (container, name, ETag), so a consumer can also de-duplicate on it.
        var id = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{containerName}/{blob.Name}|{eTag}")).AsSpan(0, 16)).ToString();
        var url = storage.Container(containerName).GetBlobClient(blob.Name).Uri.ToString();
        return new BlobCreatedEvent(
            id,
            $"/subscriptions/local/resourceGroups/local/providers/Microsoft.Storage/storageAccounts/{storage.Blobs.AccountName}",
            BlobCreatedEvent.SubjectFor(containerName, blob.Name),
            BlobCreatedEvent.BlobCreatedType,
            lastModified,
            new BlobCreatedData(
                Api: "PutBlob",
                Url: url,
                ETag: eTag,
                ContentType: blob.Properties.ContentType,
                ContentLength: blob.Properties.ContentLength ?? 0,
                BlobType: (blob.Properties.BlobType ?? BlobType.Block) + "Blob", // Event Grid says BlockBlob, the SDK says Block
                Sequencer: lastModified.UtcTicks.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private enum Outcome
    {
        Sent,
        AlreadyDone,
        ClaimedElsewhere,
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Blob arrivals: {Count} new blob(s) in {Container}/{Prefix} announced on {Queue}")]
    private static partial void LogAnnounced(ILogger logger, int count, string container, string prefix, string queue);
}
