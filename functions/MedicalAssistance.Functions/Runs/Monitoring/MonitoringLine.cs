namespace MedicalAssistance.Functions.Runs.Monitoring;

/// <summary>One line of alerts.csv: an alert raised by this month's list, the person's masked ID number and the identity types held.</summary>
public sealed record MonitoringLine(MonitoringAlert Alert, string MaskedIdNumber, string IdentityTypes);
