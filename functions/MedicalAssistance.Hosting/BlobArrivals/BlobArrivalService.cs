using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Settings;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Hosting.BlobArrivals;

/// <summary>
/// Runs the <see cref="BlobArrivalScanner"/> for every watch every <c>Hosting:BlobArrivals:ScanInterval</c> (local development).
/// Off when <c>Hosting:BlobArrivals:Scan</c> is false, as in Azure where Event Grid delivers the same messages.
/// </summary>
internal sealed partial class BlobArrivalService(
    IEnumerable<BlobArrivalWatch> watches,
    StorageAccount storage,
    BlobReceipts receipts,
    QueueSender sender,
    HostSettings settings,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<BlobArrivalService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Scanning starts once the host has started (server listening, storage set up), as the queue listeners do.
        await WhenStartedAsync(lifetime, stoppingToken);
        var all = watches.Distinct().ToList();
        if (all.Count == 0)
        {
            return;
        }

        if (!settings.BlobScanEnabled)
        {
            LogDisabled(logger, all.Count);
            return;
        }

        var scanner = new BlobArrivalScanner(storage, receipts, sender, time, logger);
        foreach (var watch in all)
        {
            LogWatching(logger, watch.Container, watch.Prefix ?? "", watch.QueueName, settings.BlobScanInterval);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var watch in all)
            {
                try
                {
                    await storage.Container(watch.Container).CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    await scanner.ScanAsync(watch, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // Whatever went wrong, the next interval tries again; a scanner must not stop the host.
                    LogScanFailed(logger, watch.Container, ex);
                }
            }

            try
            {
                await Task.Delay(settings.BlobScanInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Blob arrivals: scanning {Container}/{Prefix} into queue {Queue} every {Interval}")]
    private static partial void LogWatching(ILogger logger, string container, string prefix, string queue, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Blob arrivals: scanner off for {Count} watch(es) (Hosting:BlobArrivals:Scan=false; Event Grid delivers)")]
    private static partial void LogDisabled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blob arrivals: scanning {Container} failed; trying again next interval")]
    private static partial void LogScanFailed(ILogger logger, string container, Exception exception);

    private static Task WhenStartedAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }
}
