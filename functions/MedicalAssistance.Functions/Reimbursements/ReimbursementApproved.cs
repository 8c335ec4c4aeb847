namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>Queue <c>reimbursements</c>: an application was approved; hand its manual claim to the claims pipeline.</summary>
public sealed record ReimbursementApproved(string ApplicationId);
