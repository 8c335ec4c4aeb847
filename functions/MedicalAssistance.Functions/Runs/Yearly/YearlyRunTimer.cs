using MedicalAssistance.Functions.Calendar;
using MedicalAssistance.Hosting.Timers;

namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// What the timer of a yearly run does (<see cref="YearlyRunFunctions"/>): a scheduled occurrence runs the fund year its calendar
/// gives for today in China (<see cref="YearlyCalendar.ScheduledYear"/>); <c>run {name} --period yyyy</c> and
/// <c>POST /api/runs/{name}?period=yyyy</c> run the year asked for, from the day it opens (<see cref="YearlyCalendar.OpensOn"/>).
/// A done year is not run again (the invocation succeeds); one being run elsewhere fails the invocation (<see cref="RunBusyException"/>).
/// </summary>
public sealed class YearlyRunTimer(PeriodRunner runner, YearlyFundRun run, TimeProvider time) : ITimerPeriodRun
{
    public string Name => run.Name;

    public Task RunScheduledAsync(CancellationToken cancellationToken) =>
        RunAsync(new RunPeriod(run.Calendar.ScheduledYear(ChinaTime.DateOf(time.GetUtcNow())), null), cancellationToken);

    public Task RunAsync(string period, string requestedBy, CancellationToken cancellationToken) => RunAsync(RunPeriod.Parse(period), cancellationToken);

    public DateOnly OpensOn(string period) => run.Calendar.OpensOn(RunPeriod.Parse(period).Year);

    /// <summary>A fund year (<c>yyyy</c>) only, from the day its calendar opens it.</summary>
    public bool MayRunAt(string period, DateTimeOffset now, TimeZoneInfo zone) =>
        RunPeriod.TryParse(period, out var parsed) && parsed.Month is null && TimerFunctions.TodayIn(now, zone) >= OpensOn(period);

    private async Task RunAsync(RunPeriod period, CancellationToken cancellationToken)
    {
        var claim = await runner.RunAsync(run, period, cancellationToken);
        if (claim.Outcome == RunClaimOutcome.Busy)
        {
            throw new RunBusyException(run.Name, period.ToString(), claim.State.HeartbeatAt);
        }
    }
}
