using MedicalAssistance.Functions.Runs.FundLedger;

namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// The subjects the yearly runs post to besides <see cref="FundSubjects"/>: the income and expenditure codes of
/// docs/policy-rules.md §2.3 (Inner Mongolia Art. 24), and the balance accounts double entry needs, named after the accounts of
/// the rule texts: the special account (财政专户, Meizhou Art. 14, Baoshan Art. 18), the premium paid ahead to the insurer
/// (Meizhou Art. 18), what the insurer owes back after a subsidy clearing (Meizhou Art. 17) and the accumulated balance
/// (累计结余, Baoshan Art. 21; Jieyang 四(二)). Codes of balance accounts start with <c>AST_</c>, <c>LIA_</c> or <c>EQ_</c>.
/// </summary>
public static class YearlySubjects
{
    public static readonly FundSubject EnrolmentSubsidy = new("EXP_BENEFITS", "ENROLLMENT_SUBSIDY", "社会保险待遇支出-资助参保支出");
    public static readonly FundSubject MunicipalSubsidy = new("INC_FISCAL_SUBSIDY", "MUNICIPAL", "财政补贴收入-市级");
    public static readonly FundSubject CountySubsidy = new("INC_FISCAL_SUBSIDY", "COUNTY", "财政补贴收入-县级");
    public static readonly FundSubject LowerLevelRemittance = new("INC_LOWER_LEVEL_REMITTANCE", "", "下级上解收入");
    public static readonly FundSubject SpecialAccount = new("AST_SPECIAL_ACCOUNT", "", "财政专户存款");
    public static readonly FundSubject PrepaidPremium = new("AST_PREPAID_PREMIUM", "", "预付承办机构保费");
    public static readonly FundSubject DueFromInsurer = new("AST_DUE_FROM_INSURER", "", "应收承办机构多拨资助资金");
    public static readonly FundSubject AccumulatedBalance = new("EQ_ACCUMULATED_BALANCE", "", "累计结余");

    public static IReadOnlyList<FundSubject> All { get; } =
        [EnrolmentSubsidy, MunicipalSubsidy, CountySubsidy, LowerLevelRemittance, SpecialAccount, PrepaidPremium, DueFromInsurer, AccumulatedBalance];

    /// <summary>Income and expenditure subjects: closed into <see cref="AccumulatedBalance"/> at the year end; the others carry forward.</summary>
    public static bool IsIncomeOrExpenditure(string code) => code.StartsWith("INC_", StringComparison.Ordinal) || code.StartsWith("EXP_", StringComparison.Ordinal);
}
