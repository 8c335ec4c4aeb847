namespace MedicalAssistance.Functions.Runs.Monitoring;

/// <summary>The files of run monthly-monitoring (under <c>reports/monthly-monitoring/{period}/</c>): names, headers and rows.</summary>
public static class MonitoringFiles
{
    public const string Alerts = "alerts.csv";
    public const string AlertsXlsx = "alerts.xlsx";
    public const string Thresholds = "thresholds.csv";

    public static IReadOnlyList<string> All { get; } = [Alerts, AlertsXlsx, Thresholds];

    /// <summary>Who receives the list (Tumxuk Art. 19(一): medical security pushes early-warning data to civil affairs and agriculture and rural affairs).</summary>
    public const string Recipients = "民政、农业农村";

    public static readonly string[] AlertsHeader =
        ["统筹区 profile", "预警类型 alert", "身份证号", "身份类别", "年度", "个人负担累计", "预警标准", "推送部门"];

    public static readonly string[] ThresholdsHeader = ["统筹区 profile", "年度", "预警类型 alert", "预警标准", "来源 source"];

    public static object?[] AlertsRow(MonitoringLine l) =>
        [l.Alert.Profile, l.Alert.Alert, l.MaskedIdNumber, l.IdentityTypes, l.Alert.Year, l.Alert.Burden, l.Alert.Threshold, Recipients];
}
