using System.Globalization;
using MedicalAssistance.Functions.Runs.FundLedger;

namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>The files of the monthly settlement run (under <c>reports/monthly-settlement/{period}/</c>): names, headers and rows.</summary>
public static class SettlementFiles
{
    public const string Payables = "payables.csv";
    public const string PayablesXlsx = "payables.xlsx";
    public const string Claims = "claims.csv";
    public const string Adjustments = "adjustments.csv";
    public const string TrialBalance = "trial-balance.csv";

    public static IReadOnlyList<string> All { get; } = [Payables, PayablesXlsx, Claims, Adjustments, TrialBalance];

    public static readonly string[] PayablesHeader = ["统筹区 profile", "定点机构编码", "定点机构名称", "结算渠道", "笔数", "救助金额", "倾斜救助", "二次救助", "合计"];

    public static readonly string[] ClaimsHeader =
        ["统筹区 profile", "结算单据编号", "身份证号", "定点机构编码", "定点机构名称", "结算渠道", "结算日期", "类型", "救助年度", "救助金额", "倾斜救助", "二次救助", "合计"];

    public static readonly string[] AdjustmentsHeader =
        ["统筹区 profile", "结算单据编号", "身份证号", "定点机构编码", "定点机构名称", "结算渠道", "结算日期", "救助年度", "调整前 before", "调整后 after", "差额 delta"];

    public static readonly string[] TrialBalanceHeader = ["统筹区 profile", "科目编码", "明细科目", "科目名称", "借方金额", "贷方金额"];

    public static string[] PayablesRow(PayableRow r) =>
        [r.Profile, r.FacilityCode, r.FacilityName, r.Channel, r.Count.ToString(CultureInfo.InvariantCulture),
            Money(r.Amounts.Assistance), Money(r.Amounts.Tilted), Money(r.Amounts.Secondary), Money(r.Amounts.Total)];

    public static object[] PayablesCells(PayableRow r) =>
        [r.Profile, r.FacilityCode, r.FacilityName, r.Channel, r.Count, r.Amounts.Assistance, r.Amounts.Tilted, r.Amounts.Secondary, r.Amounts.Total];

    public static string[] ClaimsRow(SettlementLine l) =>
        [l.Profile, l.ClaimId, l.MaskedIdNumber, l.FacilityCode, l.FacilityName, l.Channel, Date(l.SettledOn), l.Kind,
            l.AccountingYear.ToString(CultureInfo.InvariantCulture), Money(l.Delta.Assistance), Money(l.Delta.Tilted), Money(l.Delta.Secondary), Money(l.Delta.Total)];

    public static string[] AdjustmentsRow(SettlementLine l) =>
        [l.Profile, l.ClaimId, l.MaskedIdNumber, l.FacilityCode, l.FacilityName, l.Channel, Date(l.SettledOn),
            l.AccountingYear.ToString(CultureInfo.InvariantCulture), Money(l.Before.Total), Money(l.After.Total), Money(l.Delta.Total)];

    public static string[] TrialBalanceRow(TrialBalanceRow r) =>
        [r.Profile, r.Subject.Code, r.Subject.Detail, r.Subject.NameZh, Money(r.Debit), Money(r.Credit)];

    public static string Money(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture);

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
