namespace MedicalAssistance.Contracts.Reimbursements;

/// <summary>One audited status change: to which status, who (caller name or <c>beneficiary</c>), when, and why when rejected.</summary>
public sealed record ReimbursementTransition(string Status, string By, DateTimeOffset At, string? Reason);
