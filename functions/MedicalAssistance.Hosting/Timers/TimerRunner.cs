using MedicalAssistance.Hosting.BlobArrivals;
using MedicalAssistance.Hosting.Settings;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Telemetry;
using TimerInfo = Microsoft.Azure.Functions.Worker.TimerInfo;
using ScheduleStatus = Microsoft.Azure.Functions.Worker.ScheduleStatus;

namespace MedicalAssistance.Hosting.Timers;

public enum TimerOutcome
{
    /// <summary>The function ran and completed.</summary>
    Ran,
    /// <summary>The function ran and threw (or timed out).</summary>
    Failed,
    /// <summary>Nothing was due.</summary>
    NotDue,
    /// <summary>Another instance holds the timer's lease.</summary>
    Busy,
    /// <summary>First start ever: the schedule status was created; nothing ran.</summary>
    Initialized,
    /// <summary>No timer of that name is registered.</summary>
    Unknown,
    /// <summary>A period was asked for, but no <see cref="ITimerPeriodRun"/> of that name is registered (the timer takes none).</summary>
    NoPeriod,
}

/// <summary>
/// Runs timer functions one instance at a time across hosts (blob lease) and keeps their schedule status.
/// Used by the schedulers of <c>serve</c>, by <c>run &lt;timer&gt;</c> and by <c>POST /api/runs/{name}</c>.
/// </summary>
public sealed class TimerRunner(
    IEnumerable<TimerRegistration> registrations,
    IEnumerable<ITimerPeriodRun> periodRuns,
    StorageAccount storage,
    IServiceScopeFactory scopes,
    HostSettings settings,
    TimeProvider time,
    ILogger<TimerRunner> logger)
{
    private readonly Dictionary<string, TimerRegistration> _timers = registrations.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<TimerRegistration> Timers => _timers.Values;

    private readonly Dictionary<string, ITimerPeriodRun> _periodRuns = periodRuns.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public TimerRegistration? Find(string name) => _timers.GetValueOrDefault(name);

    private string ScheduleKey(TimerRegistration timer) => $"{timer.Schedule} {settings.Timers.TimeZone.Id}";

    /// <summary>The next occurrence strictly after <paramref name="after"/>, in the timers' time zone.</summary>
    public DateTimeOffset? NextOccurrence(TimerRegistration timer, DateTimeOffset after) =>
        timer.Cron.GetNextOccurrence(after, settings.Timers.TimeZone) is { } next ? TimeZoneInfo.ConvertTime(next, settings.Timers.TimeZone) : null;

    /// <summary>
    /// A scheduler's wake-up: under the lease, runs the occurrence the schedule status says is due, if any.
    /// <paramref name="scheduledFor"/> is the occurrence this wake-up was planned for (null at start-up or on a retry):
    /// a due occurrence earlier than that was missed, so it runs with <see cref="TimerInfo.IsPastDue"/>.
    /// </summary>
    internal async Task<TimerOutcome> CheckAsync(TimerRegistration timer, DateTimeOffset? scheduledFor, CancellationToken abortRun, CancellationToken ct)
    {
        var outcome = await CheckCoreAsync(timer, scheduledFor, abortRun, ct);
        FunctionsTelemetry.TimerChecks.Add(1, new("timer", timer.Name), new("outcome", outcome.ToString()));
        return outcome;
    }

    private async Task<TimerOutcome> CheckCoreAsync(TimerRegistration timer, DateTimeOffset? scheduledFor, CancellationToken abortRun, CancellationToken ct)
    {
        await using var lease = await TimerLease.TryAcquireAsync(storage, timer.Name, settings.Timers.LeaseDuration, time, logger, ct);
        if (lease is null)
        {
            TimerLog.Busy(logger, timer.Name);
            return TimerOutcome.Busy;
        }

        var now = time.GetUtcNow();
        var status = await TimerStatus.ReadAsync(storage, timer.Name, ct);
        var schedule = ScheduleKey(timer);
        if (status is not null && status.Schedule != schedule)
        {
            // The schedule (or time zone) changed since the status was written: its "next" means nothing now. Start afresh.
            await new TimerStatus(status.Last, NextOccurrence(timer, now) ?? DateTimeOffset.MaxValue, now, schedule).WriteAsync(storage, timer.Name, ct);
            return TimerOutcome.Initialized;
        }

        DateTimeOffset due;
        if (status is not null && status.Next <= now)
        {
            due = status.Next;
        }
        else if (status is null && scheduledFor is { } planned && planned <= now)
        {
            due = planned; // the status blob was lost (or never written): trust this host's own schedule
        }
        else if (status is null)
        {
            var first = NextOccurrence(timer, now) ?? DateTimeOffset.MaxValue;
            await new TimerStatus(null, first, now, schedule).WriteAsync(storage, timer.Name, ct);
            return TimerOutcome.Initialized;
        }
        else
        {
            return TimerOutcome.NotDue;
        }

        var isPastDue = scheduledFor is null || due < scheduledFor;
        // As the Functions host fills it: Last is the occurrence that last ran, Next the one running now; times in the timers' zone.
        var info = new TimerInfo
        {
            IsPastDue = isPastDue,
            ScheduleStatus = new ScheduleStatus
            {
                Last = status?.Last is { } last ? TimeZoneInfo.ConvertTime(last, settings.Timers.TimeZone).DateTime : default,
                Next = TimeZoneInfo.ConvertTime(due, settings.Timers.TimeZone).DateTime,
                LastUpdated = TimeZoneInfo.ConvertTime(now, settings.Timers.TimeZone).DateTime,
            },
        };
        var failure = await InvokeAsync(timer, info, period: null, abortRun);

        if (failure is OperationCanceledException && abortRun.IsCancellationRequested)
        {
            // Cut short by shutdown: the occurrence stays due, so the next start runs it again (past due).
            return TimerOutcome.Failed;
        }

        // A failed run is not retried by the schedule (as in Azure Functions): it is logged and counted, and can be run again by hand.
        var finished = time.GetUtcNow();
        var next = NextOccurrence(timer, finished);
        await new TimerStatus(due, next ?? DateTimeOffset.MaxValue, finished, schedule).WriteAsync(storage, timer.Name, CancellationToken.None);
        TimerLog.Completed(logger, timer.Name, next);
        return failure is null ? TimerOutcome.Ran : TimerOutcome.Failed;
    }

    /// <summary>
    /// Runs a timer now (command line, a run request), under its lease; the schedule status is left alone. With a
    /// <paramref name="period"/> the <see cref="ITimerPeriodRun"/> of that name runs for it instead of the timer function. When another instance holds
    /// the lease, tries again every second for up to <paramref name="leaseWait"/> (another host's schedule check takes a moment;
    /// a long run elsewhere means <see cref="TimerOutcome.Busy"/>).
    /// </summary>
    public async Task<(TimerOutcome Outcome, Exception? Failure)> RunNowAsync(string name, string? period, CancellationToken ct, TimeSpan leaseWait = default)
    {
        if (Find(name) is not { } timer)
        {
            return (TimerOutcome.Unknown, null);
        }

        if (period is not null && !_periodRuns.ContainsKey(name))
        {
            return (TimerOutcome.NoPeriod, null);
        }

        var giveUpAt = time.GetUtcNow() + leaseWait;
        var lease = await TimerLease.TryAcquireAsync(storage, timer.Name, settings.Timers.LeaseDuration, time, logger, ct);
        while (lease is null && time.GetUtcNow() < giveUpAt)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
            lease = await TimerLease.TryAcquireAsync(storage, timer.Name, settings.Timers.LeaseDuration, time, logger, ct);
        }

        if (lease is null)
        {
            TimerLog.Busy(logger, timer.Name);
            return (TimerOutcome.Busy, null);
        }

        await using var held = lease;

        var failure = await InvokeAsync(timer, new TimerInfo { IsPastDue = false }, period, ct);
        return (failure is null ? TimerOutcome.Ran : TimerOutcome.Failed, failure);
    }

    private async Task<Exception?> InvokeAsync(TimerRegistration timer, TimerInfo info, string? period, CancellationToken abort)
    {
        var scheduledAt = info.ScheduleStatus?.Next ?? TimeZoneInfo.ConvertTime(time.GetUtcNow(), settings.Timers.TimeZone).DateTime;
        using var invocation = FunctionInvocation.Start(logger, "timer", timer.FunctionName,
            new("Timer", timer.Name), new("ScheduledAt", scheduledAt), new("IsPastDue", info.IsPastDue), new("Period", period));
        TimerLog.Running(logger, timer.Name, scheduledAt, info.IsPastDue, period);
        using var token = CancellationTokenSource.CreateLinkedTokenSource(abort);
        token.CancelAfter(settings.FunctionTimeout);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (period is null)
            {
                await timer.Invoke(scope.ServiceProvider, info, token.Token);
            }
            else
            {
                await _periodRuns[timer.Name].RunAsync(period, "run", token.Token);
            }

            invocation.Succeeded();
            return null;
        }
        catch (Exception ex)
        {
            var failure = ex is OperationCanceledException && token.IsCancellationRequested && !abort.IsCancellationRequested
                ? new TimeoutException($"The timer did not finish within functionTimeout ({settings.FunctionTimeout}).", ex)
                : ex;
            invocation.Failed(failure);
            TimerLog.Failed(logger, timer.Name, failure);
            return failure;
        }
    }
}
