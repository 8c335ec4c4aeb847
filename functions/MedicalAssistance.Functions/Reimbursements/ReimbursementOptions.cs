namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>Manual reimbursement storage names (configuration section <c>Reimbursements</c>; tests use their own).</summary>
public sealed class ReimbursementOptions
{
    public const string Section = "Reimbursements";

    /// <summary>Table of the applications (one entity each, status and history inside).</summary>
    public string Table { get; set; } = "reimbursements";

    /// <summary>Blob container of the materials: <c>materials/{applicationId}/…</c>.</summary>
    public string Container { get; set; } = "materials";

    /// <summary>Queue of approved applications to hand to the claims pipeline (<see cref="IManualClaimSubmission"/>).</summary>
    public string Queue { get; set; } = "reimbursements";
}
