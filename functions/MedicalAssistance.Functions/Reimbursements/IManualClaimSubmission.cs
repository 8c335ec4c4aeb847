namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>
/// The hand-over of an approved application to the claims pipeline: a claim with <c>settlement: "manual"</c> and the amounts
/// staff checked (docs/scenario-format.md §3.3). The claims feature implements it (<c>Claims/ManualClaimIntake</c>, over the
/// intake of <c>POST /api/claims</c>). <see cref="ManualClaim.ClaimId"/> is deterministic (<c>manual-{applicationId}</c>), so a
/// redelivered hand-over submits the same claim again, which the claims pipeline must treat as the same claim.
/// When the claims pipeline has settled it, <see cref="ManualClaimSettled"/> marks the application settled; the monthly run
/// marks it paid.
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
    decimal OutOfPolicySelfPay,
    string Insurance)
{
    public const string Settlement = "manual";

    /// <summary>Claim ids of manual reimbursements: <c>manual-{applicationId}</c>.</summary>
    public const string ClaimIdPrefix = "manual-";

    /// <summary>Manual claims carry no facility code of their own (the assistance is paid to the person): this one, in payables.</summary>
    public const string FacilityCode = "MANUAL";
}
