using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// <c>baoshan-co-funding</c> for year Y, by 30 September (Baoshan Art. 20): the counties' own matching funds (fund budget
/// <c>countyCoFunding</c> of Y) remitted to the city special account. Posted in September of Y; opens on 30 September.
/// </summary>
public sealed class BaoshanCoFunding(FundFigures figures) : IYearlyRule
{
    public const string RunName = "baoshan-co-funding";

    public string Name => RunName;

    public YearlyCalendar Calendar { get; } = YearlyCalendar.DueOn(9, 30);

    public IReadOnlyList<string> PostingPeriods(int year) => [FundFigures.MonthOf(year, 9)];

    public async Task<IReadOnlyList<YearlyAmount>> ComputeAsync(int year, CancellationToken cancellationToken)
    {
        const string profile = IdentityTypes.Baoshan;
        var budget = await figures.BudgetAsync(profile, year, RunName, cancellationToken);
        var coFunding = budget.Budget.CountyCoFunding
            ?? throw new InvalidOperationException($"{RunName} {year}: countyCoFunding is not set in {FundFigures.Source(budget)}.");
        return
        [
            new YearlyAmount(profile, "县级配套资金（9月30日前划入市级专户）", "保山第20条：县级配套资金每年9月30日前划入市级医疗救助基金财政专户", "100%",
                FormattableString.Invariant($"县级配套资金 {FundFigures.Money(coFunding)}（{FundFigures.Source(budget)} countyCoFunding）"),
                coFunding, FundFigures.MonthOf(year, 9), YearlySubjects.SpecialAccount, YearlySubjects.CountySubsidy),
        ];
    }
}
