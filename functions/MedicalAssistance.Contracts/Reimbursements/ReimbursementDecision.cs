namespace MedicalAssistance.Contracts.Reimbursements;

/// <summary>
/// <c>POST /api/reimbursements/{id}/decision</c> (staff): <c>approve</c> with the amounts staff checked against the materials,
/// or <c>reject</c> with a reason the person reads. <see cref="Insurance"/> is the basic insurance the invoice shows paid first
/// (<c>resident</c>, <c>employee</c> or <c>none</c>; default <c>resident</c>, the insurance subsidised enrolment buys): the
/// claim is settled with it.
/// </summary>
public sealed record ReimbursementDecision(string? Decision, decimal? PolicyScopeSelfPay, decimal? OutOfPolicySelfPay, string? Reason, string? Insurance = null);
