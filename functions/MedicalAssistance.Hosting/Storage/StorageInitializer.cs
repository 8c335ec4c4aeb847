using Microsoft.Extensions.Options;

namespace MedicalAssistance.Hosting.Storage;

/// <summary>
/// Creates the tables, containers and queues on start — once the server listens (<see cref="StartedAsync"/>), so storage
/// set-up does not hold back a cold start's first answer; the host counts as started only after it. A storage outage at
/// start-up does not stop the host: the health endpoint reports it, and the first handler that needs storage fails and is retried.
/// </summary>
internal sealed partial class StorageInitializer(StorageAccount storage, IOptions<StorageLayout> layout, ILogger<StorageInitializer> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var names = layout.Value;
        try
        {
            await names.EnsureCreatedAsync(storage, cancellationToken);
            LogReady(logger, names.Tables.Count, names.Containers.Count, names.Queues.Count);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            LogUnavailable(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ready: {Tables} tables, {Containers} containers, {Queues} queues (each with its poison twin)")]
    private static partial void LogReady(ILogger logger, int tables, int containers, int queues);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is not reachable at start-up; /api/health will report it")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
