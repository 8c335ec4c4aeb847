namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// The app settings of the yearly timers (6-field NCRONTAB, read in Asia/Shanghai) and their defaults, as appsettings.json,
/// local.settings.json.example and infra/main.bicep give them. Each fires at 03:00 (after monthly-settlement at 02:00 on the 1st)
/// on its calendar date; the year-end runs on 2 January, Baoshan's sharing at 03:00 before the rollover at 05:00.
/// </summary>
public static class YearlySchedules
{
    public static IReadOnlyList<(string Run, string Setting, string Default)> All { get; } =
    [
        (JieyangPrepayment.RunName, "Runs:JieyangPrepaymentSchedule", "0 0 3 15 1 *"),
        (MeizhouPremiumInstalment.AprilName, "Runs:MeizhouPremiumAprilSchedule", "0 0 3 1 4 *"),
        (MeizhouPremiumClearing.RunName, "Runs:MeizhouPremiumClearingSchedule", "0 0 3 1 6 *"),
        (MeizhouPremiumInstalment.JulyName, "Runs:MeizhouPremiumJulySchedule", "0 0 3 1 7 *"),
        (MeizhouSubsidyClearing.RunName, "Runs:MeizhouSubsidyClearingSchedule", "0 0 3 20 8 *"),
        (MeizhouSubsidyPrefund.RunName, "Runs:MeizhouSubsidyPrefundSchedule", "0 0 3 1 9 *"),
        (BaoshanCoFunding.RunName, "Runs:BaoshanCoFundingSchedule", "0 0 3 30 9 *"),
        (BaoshanOverspendSharing.RunName, "Runs:BaoshanOverspendSharingSchedule", "0 0 3 2 1 *"),
        (FundYearEndRollover.RunName, "Runs:FundYearEndRolloverSchedule", "0 0 5 2 1 *"),
    ];
}
