namespace MedicalAssistance.Hosting.Timers;

/// <summary>
/// A timer's run for a named period (<c>yyyy-MM</c> or <c>yyyy</c>), as <c>run &lt;name&gt; --period …</c> and <c>POST /api/runs/{name}</c>
/// start it; its timer function runs it for the period that just closed. Registered by features
/// (<c>services.AddSingleton&lt;ITimerPeriodRun, …&gt;()</c>).
/// </summary>
/// <remarks>Must be exactly once by name and period: a repeated or concurrent run of a period must not repeat its effects.</remarks>
public interface ITimerPeriodRun
{
    string Name { get; }

    Task RunAsync(string period, string requestedBy, CancellationToken cancellationToken);

    /// <summary>
    /// The first day (in the timers' zone) a valid <paramref name="period"/> may be run, else <c>POST /api/runs</c> answers 409
    /// <c>PERIOD_NOT_CLOSED</c> naming it: by default the day after the period ends; a run due within its period overrides it.
    /// </summary>
    DateOnly OpensOn(string period) => TimerFunctions.DayAfter(period);

    /// <summary>Whether a valid <paramref name="period"/> may be run at <paramref name="now"/>: from <see cref="OpensOn"/> on.</summary>
    bool MayRunAt(string period, DateTimeOffset now, TimeZoneInfo zone) => TimerFunctions.TodayIn(now, zone) >= OpensOn(period);
}
