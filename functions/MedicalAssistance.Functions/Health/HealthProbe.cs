using MedicalAssistance.Contracts.Health;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Health;

/// <summary>
/// Really touches each storage service (one listing call each, in parallel) and says which part failed.
/// A part that does not answer within <see cref="PartTimeout"/> counts as down. The answer is kept for
/// <see cref="CacheDuration"/> and shared by every request meanwhile (one probe in flight at a time), so a crowd of anonymous
/// health checks costs storage one probe every few seconds instead of three calls each (issue 14 item 8).
/// </summary>
public sealed class HealthProbe(StorageAccount storage, TimeProvider time)
{
    public static readonly TimeSpan PartTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private Task<HealthReport>? _current;
    private DateTimeOffset _probedAt;

    /// <summary>The latest answer, probing again once it is older than <see cref="CacheDuration"/>.</summary>
    public Task<HealthReport> RunAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_current is null || (_current.IsCompleted && now - _probedAt >= CacheDuration) || _current.IsFaulted || _current.IsCanceled)
            {
                _probedAt = now;
                // Not the caller's token: the probe is shared, and one caller giving up must not fail the others.
                _current = ProbeAsync(CancellationToken.None);
            }

            return _current.WaitAsync(cancellationToken);
        }
    }

    private async Task<HealthReport> ProbeAsync(CancellationToken cancellationToken)
    {
        var tables = Probe(async ct =>
        {
            await foreach (var _ in storage.Tables.QueryAsync(maxPerPage: 1, cancellationToken: ct).AsPages(pageSizeHint: 1))
            {
                break;
            }
        }, cancellationToken);
        var blobs = Probe(async ct =>
        {
            await foreach (var _ in storage.Blobs.GetBlobContainersAsync(cancellationToken: ct).AsPages(pageSizeHint: 1))
            {
                break;
            }
        }, cancellationToken);
        var queues = Probe(async ct =>
        {
            await foreach (var _ in storage.Queues.GetQueuesAsync(cancellationToken: ct).AsPages(pageSizeHint: 1))
            {
                break;
            }
        }, cancellationToken);

        var storageHealth = new StorageHealth(await tables, await blobs, await queues);
        var healthy = storageHealth is { Tables: StorageHealth.Ok, Blobs: StorageHealth.Ok, Queues: StorageHealth.Ok };
        return new HealthReport(healthy ? HealthReport.Healthy : HealthReport.Unhealthy, storageHealth);
    }

    private static async Task<string> Probe(Func<CancellationToken, Task> touch, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PartTimeout);
        try
        {
            await touch(timeout.Token);
            return StorageHealth.Ok;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timeout";
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            return ex is Azure.RequestFailedException rfe && rfe.Status != 0 ? $"error {rfe.Status}" : "unreachable";
        }
    }
}
