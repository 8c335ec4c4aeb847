namespace MedicalAssistance.Functions.Runs.FundLedger;

/// <summary>
/// The subjects the runs post to: the stable codes of docs/policy-rules.md §2.3 "Fund management and accounting subjects"
/// (Inner Mongolia Art. 24), which every profile maps onto (Meizhou Art. 14–15, Jieyang 四 and Baoshan Art. 15–23 name
/// accounts but no subjects). Art. 24 lists income and expenditure subjects only; double entry on a cash basis (Meizhou Art. 19)
/// needs the account the money leaves, so <see cref="ExpenditureAccount"/> (支出户, named by Meizhou Art. 14 and Baoshan Art. 18)
/// is the one subject added here.
/// </summary>
public static class FundSubjects
{
    public static readonly FundSubject InpatientAssistance = new("EXP_BENEFITS", "INPATIENT_ASSISTANCE", "社会保险待遇支出-住院救助支出");
    public static readonly FundSubject OutpatientAssistance = new("EXP_BENEFITS", "OUTPATIENT_ASSISTANCE", "社会保险待遇支出-门诊救助支出");
    public static readonly FundSubject EnrolmentSubsidy = new("EXP_BENEFITS", "ENROLLMENT_SUBSIDY", "社会保险待遇支出-资助参保支出");
    public static readonly FundSubject CrossYearRecovered = new("INC_OTHER", "CROSS_YEAR_RECOVERED_BENEFITS", "其他收入-跨年度追回待遇");
    public static readonly FundSubject ExpenditureAccount = new("AST_EXPENDITURE_ACCOUNT", "", "支出户存款");

    public static IReadOnlyList<FundSubject> All { get; } =
        [InpatientAssistance, OutpatientAssistance, EnrolmentSubsidy, CrossYearRecovered, ExpenditureAccount, .. Yearly.YearlySubjects.All];

    public static FundSubject Find(string code, string detail) =>
        All.FirstOrDefault(s => s.Code == code && s.Detail == detail) ?? new FundSubject(code, detail, code);
}
