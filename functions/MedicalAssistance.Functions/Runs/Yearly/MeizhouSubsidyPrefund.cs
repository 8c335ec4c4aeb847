using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// <c>meizhou-subsidy-prefund</c> for subsidy year Y, in September of Y (Meizhou Art. 16(1)): the advance to the insurer is 90% of
/// the approved subsidy total (fund budget <c>approvedSubsidyTotal</c>); what the insurer owes back from the clearing of Y − 1
/// (<see cref="MeizhouSubsidyClearing"/>, by the end of August, Art. 17) offsets it, and the rest is requested from city finance.
/// Posted in September of Y; opens on 1 September. Refuses to run while a prefund of Y − 1 is not cleared yet, since the offset
/// would be missed.
/// </summary>
public sealed class MeizhouSubsidyPrefund(FundFigures figures) : IYearlyRule
{
    public const string RunName = "meizhou-subsidy-prefund";

    public string Name => RunName;

    public YearlyCalendar Calendar { get; } = YearlyCalendar.DueOn(9, 1);

    public IReadOnlyList<string> PostingPeriods(int year) => [FundFigures.MonthOf(year, 9)];

    public async Task<IReadOnlyList<YearlyAmount>> ComputeAsync(int year, CancellationToken cancellationToken)
    {
        const string profile = IdentityTypes.Meizhou;
        var previousAdvance = await figures.PostedAsync(profile, FundFigures.MonthOf(year - 1, 9), RunName, YearlySubjects.EnrolmentSubsidy, cancellationToken);
        if (previousAdvance != 0m && !await figures.IsDoneAsync(MeizhouSubsidyClearing.RunName, year - 1, cancellationToken))
        {
            throw new InvalidOperationException(FormattableString.Invariant(
                $"{RunName} {year}: the prefund of {year - 1} is not cleared yet; run {MeizhouSubsidyClearing.RunName} --period {year - 1} first (its surplus offsets this prefund)."));
        }

        var budget = await figures.BudgetAsync(profile, year, RunName, cancellationToken);
        var approved = budget.Budget.ApprovedSubsidyTotal
            ?? throw new InvalidOperationException($"{RunName} {year}: approvedSubsidyTotal is not set in {FundFigures.Source(budget)}.");
        var advance = FundFigures.Fen(approved * 0.9m);
        var offset = await figures.PostedAsync(profile, FundFigures.MonthOf(year, 8), MeizhouSubsidyClearing.RunName, YearlySubjects.DueFromInsurer, cancellationToken);
        var month = FundFigures.MonthOf(year, 9);
        var approvedText = FormattableString.Invariant($"核定资助总额 {FundFigures.Money(approved)}（{FundFigures.Source(budget)}）");
        var offsetText = FormattableString.Invariant($"上年清算多拨 {FundFigures.Money(offset)}（{MeizhouSubsidyClearing.RunName} {year - 1}，记账 {year}-08）");
        return
        [
            new YearlyAmount(profile, "资助参保资金预拨承办机构", "梅州第16条(一)：9月按核定资助总额的90%预拨", "90%", approvedText,
                advance, month, YearlySubjects.EnrolmentSubsidy, YearlySubjects.SpecialAccount),
            new YearlyAmount(profile, "上年清算多拨抵减本次预拨", "梅州第17条：预拨多于实际的部分抵减下年预拨", "", offsetText,
                offset, month, YearlySubjects.SpecialAccount, YearlySubjects.DueFromInsurer),
            new YearlyAmount(profile, "向市财政申请资助资金", "梅州第16条(一)：预拨额 − 上年清算多拨", "", $"{approvedText}; {offsetText}",
                advance - offset, month, YearlySubjects.SpecialAccount, YearlySubjects.MunicipalSubsidy),
        ];
    }
}
