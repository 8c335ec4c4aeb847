namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>The timer of each yearly run by name (<see cref="YearlyRunsFeature"/> registers one per rule).</summary>
public sealed class YearlyRunTimers(IEnumerable<IYearlyRule> rules, PeriodRunner runner, FundLedger.FundJournalStore journal, RunOutputs outputs, TimeProvider time)
{
    private readonly Dictionary<string, YearlyRunTimer> _timers = rules.ToDictionary(
        r => r.Name, r => new YearlyRunTimer(runner, new YearlyFundRun(r, journal, outputs), time), StringComparer.Ordinal);

    public YearlyRunTimer this[string name] => _timers[name];
}
