namespace MedicalAssistance.Functions.Runs.Monitoring;

/// <summary>
/// A person flagged once for an alert in a year: the month whose list raised it, the burden then and the threshold it exceeded.
/// </summary>
/// <param name="Alert">The engine's alert code (Inner Mongolia Art. 8: <c>ILLNESS_POVERTY_MONITORING</c>, <c>ILLNESS_RETURN_POVERTY_MONITORING</c>), or <see cref="MonthlyMonitoring.OperatorAlert"/>.</param>
public sealed record MonitoringAlert(string Profile, int Year, string PersonKey, string Alert, string Period, decimal Burden, decimal Threshold);
