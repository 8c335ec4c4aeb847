using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Blobs;
using Azure;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Hosting.Timers;

/// <summary>
/// Keeps a timer to one instance across hosts: a blob lease on <c>locks/timer-{name}</c>, renewed every third of its
/// duration while held. A holder that crashes stops renewing, so its lease expires within the lease duration.
/// </summary>
internal sealed class TimerLease : IAsyncDisposable
{
    public const string Container = "locks";

    private readonly BlobLeaseClient _lease;
    private readonly CancellationTokenSource _stopRenewing = new();
    private readonly Task _renewing;

    private TimerLease(BlobLeaseClient lease, TimeSpan duration, TimeProvider time, ILogger logger)
    {
        _lease = lease;
        _renewing = RenewAsync(duration, time, logger);
    }

    /// <summary>Takes the lease, or returns null when another instance holds it.</summary>
    public static async Task<TimerLease?> TryAcquireAsync(StorageAccount storage, string timerName, TimeSpan duration, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var blob = storage.Container(Container).GetBlobClient($"timer-{timerName}");
        await EnsureBlobAsync(storage, blob, ct);
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(duration, cancellationToken: ct);
            return new TimerLease(lease, duration, time, logger);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null; // LeaseAlreadyPresent
        }
    }

    private static async Task EnsureBlobAsync(StorageAccount storage, BlobClient blob, CancellationToken ct)
    {
        if (await blob.ExistsAsync(ct))
        {
            return;
        }

        await storage.Container(Container).CreateIfNotExistsAsync(cancellationToken: ct);
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, ct);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Created (and maybe leased) by another host meanwhile.
        }
    }

    private async Task RenewAsync(TimeSpan duration, TimeProvider time, ILogger logger)
    {
        while (!_stopRenewing.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(duration / 3, time, _stopRenewing.Token);
                await _lease.RenewAsync(cancellationToken: _stopRenewing.Token);
            }
            catch (OperationCanceledException) when (_stopRenewing.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Try again at the next tick; the lease still has two thirds left.
                TimerLog.LeaseRenewFailed(logger, _lease.Uri.AbsolutePath, ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopRenewing.CancelAsync();
        await _renewing;
        _stopRenewing.Dispose();
        try
        {
            await _lease.ReleaseAsync();
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or OperationCanceledException)
        {
            // Already expired, taken over or unreachable: the lease expires on its own within its duration.
        }
    }
}
