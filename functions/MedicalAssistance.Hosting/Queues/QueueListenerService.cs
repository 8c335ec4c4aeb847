using MedicalAssistance.Hosting.Settings;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Hosting.Queues;

/// <summary>
/// Starts one <see cref="QueueListener"/> per registered queue function. On stop (SIGTERM, Ctrl+C) it stops receiving at once,
/// lets running handlers finish for up to <see cref="HostSettings.ShutdownTimeout"/>, then cancels them.
/// </summary>
internal sealed class QueueListenerService(
    IEnumerable<QueueFunctionRegistration> registrations,
    StorageAccount storage,
    QueueFailures failures,
    IServiceScopeFactory scopes,
    HostSettings settings,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedLifecycleService, IDisposable
{
    private readonly CancellationTokenSource _stopReceiving = new();
    private readonly CancellationTokenSource _abortHandlers = new();
    private readonly List<Task> _listeners = [];

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Listeners start once the server listens and storage is set up, not before (a cold start answers HTTP first).</summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var duplicates = registrations.GroupBy(r => r.QueueName, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException($"More than one queue function listens to: {string.Join(", ", duplicates)}");
        }

        var logger = loggers.CreateLogger("MedicalAssistance.Hosting.Queues.QueueListener");
        foreach (var registration in registrations)
        {
            var listener = new QueueListener(registration, storage, failures, scopes, settings, time, logger);
            _listeners.Add(Task.Run(() => listener.RunAsync(_stopReceiving.Token, _abortHandlers.Token), CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopReceiving.CancelAsync();
        var all = Task.WhenAll(_listeners);
        try
        {
            await all.WaitAsync(settings.ShutdownTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            await _abortHandlers.CancelAsync();
            await all.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public void Dispose()
    {
        _stopReceiving.Dispose();
        _abortHandlers.Dispose();
    }
}
