using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// <c>meizhou-subsidy-clearing</c> for subsidy year Y, by the end of August of Y + 1 (Meizhou Art. 17): the year's subsidies at
/// actual cost (fund budget <c>actualSubsidyCost</c> of Y) against the prefund posted for Y (<see cref="MeizhouSubsidyPrefund"/>).
/// Too little advanced: the difference is paid within a month. Too much: the insurer owes it back, and it offsets the September
/// prefund of Y + 1. Posted in August of Y + 1; opens once Y has ended.
/// </summary>
public sealed class MeizhouSubsidyClearing(FundFigures figures) : IYearlyRule
{
    public const string RunName = "meizhou-subsidy-clearing";

    public string Name => RunName;

    public YearlyCalendar Calendar => YearlyCalendar.AfterYearEnd;

    public IReadOnlyList<string> PostingPeriods(int year) => [FundFigures.MonthOf(year + 1, 8)];

    public async Task<IReadOnlyList<YearlyAmount>> ComputeAsync(int year, CancellationToken cancellationToken)
    {
        const string profile = IdentityTypes.Meizhou;
        var budget = await figures.BudgetAsync(profile, year, RunName, cancellationToken);
        var actual = budget.Budget.ActualSubsidyCost
            ?? throw new InvalidOperationException($"{RunName} {year}: actualSubsidyCost is not set in {FundFigures.Source(budget)}; set the year's actual subsidy cost first.");
        var advanced = await figures.PostedAsync(profile, FundFigures.MonthOf(year, 9), MeizhouSubsidyPrefund.RunName, YearlySubjects.EnrolmentSubsidy, cancellationToken);
        var difference = FundFigures.Fen(actual - advanced);
        var sources = FormattableString.Invariant(
            $"实际资助支出 {FundFigures.Money(actual)}（{FundFigures.Source(budget)}）; 已预拨 {FundFigures.Money(advanced)}（{MeizhouSubsidyPrefund.RunName} {year}，记账 {year}-09）");
        var month = FundFigures.MonthOf(year + 1, 8);
        return difference >= 0m
            ?
            [
                new YearlyAmount(profile, "资助参保清算：预拨不足，一个月内补拨", "梅州第17条：次年8月底前按实际清算 = 实际支出 − 已预拨", "", sources,
                    difference, month, YearlySubjects.EnrolmentSubsidy, YearlySubjects.SpecialAccount),
            ]
            :
            [
                new YearlyAmount(profile, "资助参保清算：预拨多于实际，抵减下年预拨", "梅州第17条：次年8月底前按实际清算 = 已预拨 − 实际支出", "", sources,
                    -difference, month, YearlySubjects.DueFromInsurer, YearlySubjects.EnrolmentSubsidy),
            ];
    }
}
