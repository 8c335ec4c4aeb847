namespace MedicalAssistance.Contracts.Reimbursements;

/// <summary>
/// <c>POST /api/reimbursements/{id}/decision</c> (staff): <c>approve</c> with the amounts staff checked against the materials,
/// or <c>reject</c> with a reason the person reads.
/// </summary>
public sealed record ReimbursementDecision(string? Decision, decimal? PolicyScopeSelfPay, decimal? OutOfPolicySelfPay, string? Reason);
