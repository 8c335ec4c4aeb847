using System.Globalization;
using MedicalAssistance.Hosting.Settings;

namespace MedicalAssistance.Hosting.Timers;

/// <summary>
/// Wakes each timer at start-up (to catch an occurrence missed while every host was down) and at each occurrence of its
/// schedule; <see cref="TimerRunner.CheckAsync"/> decides under the lease whether anything is due. A host that finds the lease
/// taken looks again one lease duration later, so an occurrence whose holder crashed is still run (past due).
/// On stop, a running timer may finish within <see cref="HostSettings.ShutdownTimeout"/>; then it is cancelled and its lease released.
/// </summary>
internal sealed class TimerSchedulerService(TimerRunner runner, HostSettings settings, TimeProvider time, ILogger<TimerSchedulerService> logger)
    : IHostedLifecycleService, IDisposable
{
    /// <summary>The longest single wait for the next occurrence (<see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> refuses more than about 49.7 days).</summary>
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abortRuns = new();
    private readonly List<Task> _loops = [];

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Timers start once the server listens and storage is set up.</summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var timer in runner.Timers)
        {
            var upcoming = new List<string>();
            for (var at = runner.NextOccurrence(timer, now); at is not null && upcoming.Count < 3; at = runner.NextOccurrence(timer, at.Value))
            {
                upcoming.Add(at.Value.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture));
            }

            var nextOccurrences = string.Join(", ", upcoming);
            TimerLog.Scheduled(logger, timer.Name, timer.FunctionName, timer.Schedule, settings.Timers.TimeZone.Id, nextOccurrences);
            _loops.Add(Task.Run(() => RunLoopAsync(timer, _stopping.Token), CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    private async Task RunLoopAsync(TimerRegistration timer, CancellationToken stopping)
    {
        DateTimeOffset? scheduledFor = null; // start-up check first
        while (!stopping.IsCancellationRequested)
        {
            var outcome = TimerOutcome.NotDue;
            try
            {
                outcome = await runner.CheckAsync(timer, scheduledFor, _abortRuns.Token, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                TimerLog.CheckFailed(logger, timer.Name, ex);
            }

            var now = time.GetUtcNow();
            var next = runner.NextOccurrence(timer, now);
            var retry = outcome == TimerOutcome.Busy ? now + settings.Timers.LeaseDuration : (DateTimeOffset?)null;
            var wake = retry is not null && (next is null || retry < next) ? retry.Value : next;
            if (wake is null)
            {
                return; // a schedule with no future occurrence
            }

            scheduledFor = wake == next ? next : null;
            try
            {
                // Task.Delay takes at most about 49.7 days and a yearly timer's next occurrence is further: wait a day at a time.
                for (var wait = wake.Value - time.GetUtcNow(); wait > TimeSpan.Zero; wait = wake.Value - time.GetUtcNow())
                {
                    await Task.Delay(wait < MaxDelay ? wait : MaxDelay, time, stopping);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        var all = Task.WhenAll(_loops);
        try
        {
            await all.WaitAsync(settings.ShutdownTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            await _abortRuns.CancelAsync();
            await all.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _abortRuns.Dispose();
    }
}
