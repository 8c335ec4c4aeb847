namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// The work of one run for one period, carried out by <see cref="PeriodRunner"/> exactly once per name and period. It must
/// produce the same outputs when an attempt is taken over and done again: its effects on other tables are keyed so that
/// doing them twice changes nothing.
/// </summary>
public interface IPeriodRun
{
    string Name { get; }

    Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken);
}
