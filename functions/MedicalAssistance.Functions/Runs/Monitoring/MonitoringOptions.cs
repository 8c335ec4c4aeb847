namespace MedicalAssistance.Functions.Runs.Monitoring;

/// <summary>The settings of run monthly-monitoring, in configuration section <c>Runs</c> next to the other runs' (a test host keeps its own tables).</summary>
public sealed class MonitoringOptions
{
    public const string Section = RunFeatureOptions.Section;

    /// <summary>
    /// Schedule of timer monthly-monitoring (<c>Runs:MonthlyMonitoringSchedule</c>, read by the trigger of both hosts): the 1st of
    /// each month at 04:00 Asia/Shanghai, for the month that just ended (<see cref="MonthlyMonitoringTimer"/>).
    /// </summary>
    public string MonthlyMonitoringSchedule { get; set; } = "0 0 4 1 * *";

    /// <summary>Per profile, year, person and alert, the month that first raised it (<c>Runs:MonitoringAlertTable</c>).</summary>
    public string MonitoringAlertTable { get; set; } = "monitoringalerts";

    /// <summary>Versioned operator thresholds of the high-expense monitoring per profile and year (<c>Runs:MonitoringThresholdTable</c>).</summary>
    public string MonitoringThresholdTable { get; set; } = "monitoringthresholds";
}
