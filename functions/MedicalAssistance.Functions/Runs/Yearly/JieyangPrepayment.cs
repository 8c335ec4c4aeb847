using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// <c>jieyang-prepayment</c> for year Y, by 15 January (Jieyang 四(二)): the prepayment is 25% of the previous year's actual
/// assistance cost (<see cref="FundFigures.AssistanceAsync"/>), reduced by the balance carried forward from the year end (fund budget
/// <c>accumulatedBalance</c> of Y), never below zero; the county remits it to the city account. Posted in January of Y; opens on 15 January.
/// The profile's books are the county's (<see cref="FundLedger.FundJournalStore"/>: one set per pooling area).
/// </summary>
public sealed class JieyangPrepayment(FundFigures figures) : IYearlyRule
{
    public const string RunName = "jieyang-prepayment";

    public string Name => RunName;

    public YearlyCalendar Calendar { get; } = YearlyCalendar.DueOn(1, 15);

    public IReadOnlyList<string> PostingPeriods(int year) => [FundFigures.MonthOf(year, 1)];

    public async Task<IReadOnlyList<YearlyAmount>> ComputeAsync(int year, CancellationToken cancellationToken)
    {
        const string profile = IdentityTypes.Jieyang;
        var actual = await figures.AssistanceAsync(profile, year - 1, cancellationToken);
        var budget = await figures.BudgetAsync(profile, year, RunName, cancellationToken);
        var carried = budget.Budget.AccumulatedBalance ?? 0m;
        var quarter = FundFigures.Fen(actual * 0.25m);
        return
        [
            new YearlyAmount(profile, "县区预付金（上解市级专户）", "揭阳四(二)：预付金 = 上年实际救助费用 × 25% − 上年末结转结余（不低于0）", "25%",
                FormattableString.Invariant(
                    $"上年实际救助费用 {year - 1}: {FundFigures.Money(actual)}（monthly-settlement 记账）; 25% = {FundFigures.Money(quarter)}; 结转结余 {FundFigures.Money(carried)}（{FundFigures.Source(budget)} accumulatedBalance）"),
                Math.Max(0m, quarter - carried), FundFigures.MonthOf(year, 1), YearlySubjects.SpecialAccount, YearlySubjects.LowerLevelRemittance),
        ];
    }
}
