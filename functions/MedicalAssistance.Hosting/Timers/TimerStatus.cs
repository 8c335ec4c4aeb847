using System.Text.Json;
using Azure;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Hosting.Timers;

/// <summary>
/// A timer's schedule status (like Azure Functions' <c>timers/…/status</c> blob): the last occurrence run and the next one due.
/// The next occurrence is the shared truth between hosts: whoever holds the timer's lease and sees it due runs it, and an
/// occurrence missed while every host was down is still due on the next start (then run once, past due).
/// </summary>
/// <param name="Schedule">The schedule and time zone <paramref name="Next"/> was computed with; a different one starts afresh.</param>
public sealed record TimerStatus(DateTimeOffset? Last, DateTimeOffset Next, DateTimeOffset LastUpdated, string? Schedule = null)
{
    public const string Container = "timers";

    public static string BlobName(string timerName) => $"{timerName}/status.json";

    public static async Task<TimerStatus?> ReadAsync(StorageAccount storage, string timerName, CancellationToken ct)
    {
        try
        {
            var content = await storage.Container(Container).GetBlobClient(BlobName(timerName)).DownloadContentAsync(ct);
            return content.Value.Content.ToObjectFromJson<TimerStatus>(QueueFunctions.Json);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (JsonException)
        {
            return null; // unreadable: treated as new, the schedule starts again from now
        }
    }

    public async Task WriteAsync(StorageAccount storage, string timerName, CancellationToken ct)
    {
        var container = storage.Container(Container);
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        await container.GetBlobClient(BlobName(timerName)).UploadAsync(BinaryData.FromObjectAsJson(this, QueueFunctions.Json), overwrite: true, ct);
    }
}
