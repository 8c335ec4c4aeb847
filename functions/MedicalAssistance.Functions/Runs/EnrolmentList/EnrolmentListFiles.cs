using MedicalAssistance.Functions.Beneficiaries.Records;
using MedicalAssistance.Functions.Enrolment;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Runs.EnrolmentList;

/// <summary>The files of run monthly-enrolment-list (under <c>reports/monthly-enrolment-list/{period}/</c>): names, headers and rows.</summary>
public static class EnrolmentListFiles
{
    public const string Enrolments = "enrolments.csv";
    public const string EnrolmentsXlsx = "enrolments.xlsx";
    public const string Counties = "counties.csv";
    public const string CountiesXlsx = "counties.xlsx";
    public const string TopUps = "topups.csv";
    public const string TopUpsXlsx = "topups.xlsx";

    public static IReadOnlyList<string> All { get; } = [Counties, CountiesXlsx, Enrolments, EnrolmentsXlsx, TopUps, TopUpsXlsx];

    public static readonly string[] EnrolmentsHeader =
        ["统筹区 profile", "县（区）代码", "身份证号", "身份类别", "参保年度", "资助档次", "资助状态", "变动类型", "登记日期", "原资助金额 before", "资助金额 after", "差额 delta"];

    public static readonly string[] CountiesHeader = ["统筹区 profile", "县（区）代码", "新增人数", "变更人数", "取消人数", "资助金额 subsidy"];

    public static readonly string[] TopUpsHeader = ["统筹区 profile", "结算单据编号", "身份证号", "服务日期", "救助年度", "补差金额", "支付期限"];

    public static object?[] EnrolmentsRow(EnrolmentListLine l)
    {
        var shown = l.Listing.After ?? l.Listing.Before;
        return [l.Entry.Profile, l.County, l.Entry.MaskedIdNumber, shown is null ? null : IdentityTypes.DisplayNameOf(shown.IdentityType), l.Entry.Year, LevelName(shown?.Level), StatusName(l.Listing.After?.Status),
            l.Listing.Kind, l.Entry.RegisteredOn, l.Listing.Before?.Amount, l.Listing.After?.Amount, l.Listing.SubsidyDelta];
    }

    public static object?[] CountiesRow(CountyRow r) => [r.Profile, r.County, r.New, r.Changed, r.Withdrawn, r.Subsidy];

    public static object?[] TopUpsRow(ClassFourTopUp t) => [t.Profile, t.ClaimId, t.MaskedIdNumber, t.ServiceDate, t.AccountingYear, t.Amount, t.DueBy];

    /// <summary>资助档次 and 资助状态 in the words the portal uses (<see cref="EnrolmentNames"/>); a withdrawn entry has no status now.</summary>
    private static string? LevelName(string? level) => level is null ? null : EnrolmentNames.Of(Enum.Parse<SubsidyLevel>(level));

    private static string StatusName(string? status) => status is null ? "已取消" : EnrolmentNames.Of(Enum.Parse<EnrolmentStatus>(status));
}
