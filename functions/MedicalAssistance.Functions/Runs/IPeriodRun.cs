namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// The work of one run for one period, carried out by <see cref="PeriodRunner"/> exactly once per name and period. It must
/// produce the same outputs when an attempt is taken over and done again: its effects on other tables are keyed so that
/// doing them twice changes nothing.
/// </summary>
public interface IPeriodRun
{
    string Name { get; }

    /// <summary>
    /// The first day (Asia/Shanghai) a period may be run: by default the day after it ends (a run settles a period only once
    /// nothing more can happen in it); a run due on a date within its period (a yearly prepayment) opens on that date.
    /// </summary>
    DateOnly OpensOn(RunPeriod period) => period.End;

    Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken);
}
