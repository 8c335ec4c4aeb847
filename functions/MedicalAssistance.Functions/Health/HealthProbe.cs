using MedicalAssistance.Contracts.Health;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Health;

/// <summary>
/// Really touches each storage service (one listing call each, in parallel) and says which part failed.
/// A part that does not answer within <see cref="PartTimeout"/> counts as down.
/// </summary>
public sealed class HealthProbe(StorageAccount storage)
{
    public static readonly TimeSpan PartTimeout = TimeSpan.FromSeconds(5);

    public async Task<HealthReport> RunAsync(CancellationToken cancellationToken)
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
