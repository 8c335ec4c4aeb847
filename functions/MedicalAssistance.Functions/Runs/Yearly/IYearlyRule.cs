namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// The rule of one yearly run (docs/policy-rules.md, a profile's "Deadlines and schedules" and "Fund management"): what it computes
/// for a fund year. <see cref="YearlyFundRun"/> writes the amounts, posts them and writes the trial balance; the rule only reads.
/// A rule reads the journal lines of other runs, never its own, so an attempt done again computes the same amounts.
/// </summary>
public interface IYearlyRule
{
    string Name { get; }

    YearlyCalendar Calendar { get; }

    /// <summary>The months (<c>yyyy-MM</c>) whose books the run posts to, in order: the trial balance is written for them.</summary>
    IReadOnlyList<string> PostingPeriods(int year);

    Task<IReadOnlyList<YearlyAmount>> ComputeAsync(int year, CancellationToken cancellationToken);
}
