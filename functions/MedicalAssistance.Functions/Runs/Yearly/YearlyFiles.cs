using System.Globalization;
using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Functions.Runs.Settlement;

namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>The files of every yearly run (under <c>reports/{name}/{yyyy}/</c>): names, headers and rows.</summary>
public static class YearlyFiles
{
    public const string Amounts = "amounts.csv";
    public const string AmountsXlsx = "amounts.xlsx";
    public const string TrialBalance = "trial-balance.csv";
    public const string TrialBalanceXlsx = "trial-balance.xlsx";

    public static IReadOnlyList<string> All { get; } = [Amounts, AmountsXlsx, TrialBalance, TrialBalanceXlsx];

    public static readonly string[] AmountsHeader =
        ["统筹区 profile", "年度", "项目", "计算依据", "比例", "来源数据", "金额", "借方科目", "贷方科目", "记账期间"];

    public static readonly string[] TrialBalanceHeader = ["记账期间", .. SettlementFiles.TrialBalanceHeader];

    public static string[] AmountsRow(int year, YearlyAmount a) =>
        [a.Profile, year.ToString(CultureInfo.InvariantCulture), a.Item, a.Basis, a.Ratio, a.Sources, SettlementFiles.Money(a.Amount),
            Subject(a.Debit), Subject(a.Credit), a.PostingPeriod];

    public static object[] AmountsCells(int year, YearlyAmount a) =>
        [a.Profile, year, a.Item, a.Basis, a.Ratio, a.Sources, a.Amount, Subject(a.Debit), Subject(a.Credit), a.PostingPeriod];

    public static string[] TrialBalanceRow(string period, TrialBalanceRow r) => [period, .. SettlementFiles.TrialBalanceRow(r)];

    public static object[] TrialBalanceCells(string period, TrialBalanceRow r) =>
        [period, r.Profile, r.Subject.Code, r.Subject.Detail, r.Subject.NameZh, r.Debit, r.Credit];

    private static string Subject(FundSubject s) => s.Detail.Length == 0 ? $"{s.Code} {s.NameZh}" : $"{s.Code}/{s.Detail} {s.NameZh}";
}
