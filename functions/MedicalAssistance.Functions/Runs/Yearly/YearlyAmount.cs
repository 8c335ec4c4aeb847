using MedicalAssistance.Functions.Runs.FundLedger;

namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// One amount a yearly run computes, explaining itself (a row of <c>amounts.csv</c>): the rule and article (<paramref name="Basis"/>),
/// the ratio applied, the figures it was computed from with where each comes from (<paramref name="Sources"/>), and the journal entry
/// it is posted as: <paramref name="Debit"/> and <paramref name="Credit"/> in the books of <paramref name="Profile"/> for month
/// <paramref name="PostingPeriod"/> (<c>yyyy-MM</c>). A negative amount is posted the other way round; zero posts nothing.
/// </summary>
/// <param name="JournalRun">The run name the lines are posted under, when not the run's own (the rollover's opening lines).</param>
public sealed record YearlyAmount(string Profile, string Item, string Basis, string Ratio, string Sources, decimal Amount, string PostingPeriod,
    FundSubject Debit, FundSubject Credit, string? JournalRun = null);
