namespace MedicalAssistance.Contracts.Reimbursements;

/// <summary>The answer to a submission: the application's id and status (the same for a retried or double-tapped submission).</summary>
public sealed record ReimbursementReceipt(string ApplicationId, string Status, string StatusName);
