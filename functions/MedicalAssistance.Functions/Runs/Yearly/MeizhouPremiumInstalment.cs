using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// <c>meizhou-premium-april</c> (50%) and <c>meizhou-premium-july</c> (40%): the premium for assistance costs paid to the insurer
/// in instalments (Meizhou Art. 18), of a budget equal to the previous year's actual assistance (<see cref="FundFigures.AssistanceAsync"/>).
/// Posted in the month it is due: debit the premium paid ahead, credit the expenditure account. Opens on the 1st of that month.
/// </summary>
public sealed class MeizhouPremiumInstalment(string name, int month, decimal ratio, FundFigures figures) : IYearlyRule
{
    public const string AprilName = "meizhou-premium-april";
    public const string JulyName = "meizhou-premium-july";

    public string Name => name;

    public YearlyCalendar Calendar { get; } = YearlyCalendar.DueOn(month, 1);

    public IReadOnlyList<string> PostingPeriods(int year) => [FundFigures.MonthOf(year, month)];

    public async Task<IReadOnlyList<YearlyAmount>> ComputeAsync(int year, CancellationToken cancellationToken)
    {
        var budget = await figures.AssistanceAsync(IdentityTypes.Meizhou, year - 1, cancellationToken);
        var amount = FundFigures.Fen(budget * ratio);
        return
        [
            new YearlyAmount(IdentityTypes.Meizhou, FormattableString.Invariant($"承办机构保费第{(month == 4 ? 1 : 2)}期（{month}月）"),
                "梅州第18条：保费预算 = 上年实际救助支出；4月拨付50%，7月拨付40%", FormattableString.Invariant($"{ratio * 100:0.##}%"),
                FormattableString.Invariant($"上年实际救助支出 {year - 1}: {FundFigures.Money(budget)}（monthly-settlement 记账 {year - 1}-01至{year - 1}-12 住院+门诊救助支出）"),
                amount, FundFigures.MonthOf(year, month), YearlySubjects.PrepaidPremium, FundSubjects.ExpenditureAccount),
        ];
    }
}
