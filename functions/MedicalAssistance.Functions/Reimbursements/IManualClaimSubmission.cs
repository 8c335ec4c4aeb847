namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>
/// The hand-over of an approved application to the claims pipeline: a claim with <c>settlement: "manual"</c> and the amounts
/// staff checked (docs/scenario-format.md §3.3). The claims feature implements it (for instance over its <c>POST /api/claims</c>
/// service) and registers it; until then none is registered and an approved application stays approved, its hand-over
/// message completing with a warning. <see cref="ManualClaim.ClaimId"/> is deterministic (<c>manual-{applicationId}</c>), so a
/// redelivered hand-over submits the same claim again, which the claims pipeline must treat as the same claim.
/// When the claims pipeline has settled it, it calls <see cref="ReimbursementService.MarkSettledAsync"/>; the monthly run
/// calls <see cref="ReimbursementService.MarkPaidAsync"/>.
/// </summary>
public interface IManualClaimSubmission
{
    Task SubmitAsync(ManualClaim claim, CancellationToken cancellationToken);
}

/// <summary>An approved manual reimbursement as a claim of the person (person key from the application, never a clear ID).</summary>
public sealed record ManualClaim(
    string ClaimId,
    string ApplicationId,
    string PersonKey,
    string Profile,
    string Kind,
    DateOnly Admission,
    DateOnly? Discharge,
    string FacilityName,
    bool Designated,
    bool InProvince,
    decimal PolicyScopeSelfPay,
    decimal OutOfPolicySelfPay)
{
    public const string Settlement = "manual";
}
