using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// <c>meizhou-premium-clearing</c> for premium year Y, by the end of June of Y + 1 (Meizhou Art. 18): the premium at actual cost
/// (year Y's actual assistance) less the April and July instalments posted for Y; the remainder is paid to the insurer (a negative
/// remainder is refunded by it). Posted in June of Y + 1; opens once Y has ended.
/// </summary>
public sealed class MeizhouPremiumClearing(FundFigures figures) : IYearlyRule
{
    public const string RunName = "meizhou-premium-clearing";

    public string Name => RunName;

    public YearlyCalendar Calendar => YearlyCalendar.AfterYearEnd;

    public IReadOnlyList<string> PostingPeriods(int year) => [FundFigures.MonthOf(year + 1, 6)];

    public async Task<IReadOnlyList<YearlyAmount>> ComputeAsync(int year, CancellationToken cancellationToken)
    {
        const string profile = IdentityTypes.Meizhou;
        var actual = await figures.AssistanceAsync(profile, year, cancellationToken);
        var april = await figures.PostedAsync(profile, FundFigures.MonthOf(year, 4), MeizhouPremiumInstalment.AprilName, YearlySubjects.PrepaidPremium, cancellationToken);
        var july = await figures.PostedAsync(profile, FundFigures.MonthOf(year, 7), MeizhouPremiumInstalment.JulyName, YearlySubjects.PrepaidPremium, cancellationToken);
        return
        [
            new YearlyAmount(profile, "承办机构保费清算（按实结算，余额一个月内拨付）", "梅州第18条：次年6月底前按实际费用清算 = 本年实际救助支出 − 已拨付保费", "",
                FormattableString.Invariant(
                    $"本年实际救助支出 {year}: {FundFigures.Money(actual)}（monthly-settlement 记账）; 已拨4月 {FundFigures.Money(april)}（{MeizhouPremiumInstalment.AprilName} {year}）; 已拨7月 {FundFigures.Money(july)}（{MeizhouPremiumInstalment.JulyName} {year}）"),
                FundFigures.Fen(actual - april - july), FundFigures.MonthOf(year + 1, 6), YearlySubjects.PrepaidPremium, FundSubjects.ExpenditureAccount),
        ];
    }
}
