namespace MedicalAssistance.Contracts.Reimbursements;

/// <summary>
/// An application as staff review it: the visit, the materials (downloadable with the staff key only), the status and every
/// transition, the checked amounts once approved, and the claim id once handed to the claims pipeline.
/// </summary>
public sealed record ReimbursementDetail(
    string ApplicationId,
    string MaskedIdNumber,
    ReimbursementVisit Visit,
    string Status,
    string StatusName,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<ReimbursementMaterial> Materials,
    IReadOnlyList<ReimbursementTransition> History,
    decimal? CheckedPolicyScopeSelfPay,
    decimal? CheckedOutOfPolicySelfPay,
    string? RejectionReason,
    string? ClaimId);
