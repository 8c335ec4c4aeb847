using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// <c>baoshan-overspend-sharing</c> for year Y, at the year end (Baoshan Art. 21, interpretation BS-6: the band applies to the whole
/// overspend). Overspend = actual assistance of Y (<see cref="FundFigures.AssistanceAsync"/>) − budgeted expenditure of Y; its rate
/// against the budget, unrounded: ≤ 3% the city covers 100% from the accumulated balance, &gt; 3% and ≤ 5% 50%, &gt; 5% nothing; what
/// the balance (fund budget <c>accumulatedBalance</c>) cannot cover of the city's share falls to the county. No overspend: nothing
/// to share (a surplus carries over, Art. 17). Posted in December of Y; opens once Y has ended.
/// </summary>
public sealed class BaoshanOverspendSharing(FundFigures figures) : IYearlyRule
{
    public const string RunName = "baoshan-overspend-sharing";

    public string Name => RunName;

    public YearlyCalendar Calendar => YearlyCalendar.AfterYearEnd;

    public IReadOnlyList<string> PostingPeriods(int year) => [FundFigures.MonthOf(year, 12)];

    /// <summary>The city's share of an overspend at <paramref name="rate"/> (overspend / budget).</summary>
    public static decimal CityRatio(decimal rate) => rate <= 0.03m ? 1m : rate <= 0.05m ? 0.5m : 0m;

    public async Task<IReadOnlyList<YearlyAmount>> ComputeAsync(int year, CancellationToken cancellationToken)
    {
        const string profile = IdentityTypes.Baoshan;
        var budget = await figures.BudgetAsync(profile, year, RunName, cancellationToken);
        var budgeted = budget.Budget.BudgetedExpenditure ?? 0m;
        var balance = budget.Budget.AccumulatedBalance ?? 0m;
        var actual = await figures.AssistanceAsync(profile, year, cancellationToken);
        var overspend = FundFigures.Fen(actual - budgeted);
        var month = FundFigures.MonthOf(year, 12);
        var figuresText = FormattableString.Invariant(
            $"实际救助支出 {FundFigures.Money(actual)}（monthly-settlement 记账 {year}）; 预算支出 {FundFigures.Money(budgeted)}、累计结余 {FundFigures.Money(balance)}（{FundFigures.Source(budget)}）");
        if (overspend <= 0m)
        {
            return
            [
                new YearlyAmount(profile, "未超支：无需分担，结余结转下年", "保山第17条、第21条", "", figuresText, 0m, month,
                    FundSubjects.ExpenditureAccount, YearlySubjects.SpecialAccount),
            ];
        }

        // A zero budget makes any spending an overspend of more than 5%.
        var rate = budgeted == 0m ? decimal.MaxValue : overspend / budgeted;
        var ratio = CityRatio(rate);
        var cityShare = FundFigures.Fen(overspend * ratio);
        var cityPaid = Math.Min(cityShare, balance);
        var uncovered = cityShare - cityPaid;
        var basis = FormattableString.Invariant(
            $"保山第21条：超支 {FundFigures.Money(overspend)}，超支率 {(budgeted == 0m ? "—" : (rate * 100).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) + "%")}（≤3% 市级全额；3%–5% 市县各半；>5% 县级全额）");
        return
        [
            new YearlyAmount(profile, "市级以累计结余承担", basis, FormattableString.Invariant($"{ratio * 100:0}%"),
                FormattableString.Invariant($"{figuresText}; 市级应担 {FundFigures.Money(cityShare)}，结余可担 {FundFigures.Money(cityPaid)}"),
                cityPaid, month, FundSubjects.ExpenditureAccount, YearlySubjects.SpecialAccount),
            new YearlyAmount(profile, "县级承担", basis, FormattableString.Invariant($"{(1m - ratio) * 100:0}%"), figuresText,
                overspend - cityShare, month, FundSubjects.ExpenditureAccount, YearlySubjects.LowerLevelRemittance),
            new YearlyAmount(profile, "累计结余不足部分由县级承担", basis, "",
                FormattableString.Invariant($"市级应担 {FundFigures.Money(cityShare)} − 累计结余 {FundFigures.Money(balance)}"),
                uncovered, month, FundSubjects.ExpenditureAccount, YearlySubjects.LowerLevelRemittance),
        ];
    }
}
