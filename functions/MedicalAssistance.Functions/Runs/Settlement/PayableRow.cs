namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>One line of payables.csv: what a run pays a facility through a channel in a profile (sums of the lines' deltas).</summary>
public sealed record PayableRow(string Profile, string FacilityCode, string FacilityName, string Channel, int Count, PaidAmounts Amounts);
