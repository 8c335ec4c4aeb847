using MedicalAssistance.Contracts.Reimbursements;

namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>One stored material of an application: blob <c>materials/{applicationId}/{uploadId}/{index}-{kind}.{ext}</c>.</summary>
public sealed record StoredMaterial(int Index, string Kind, string FileName, string ContentType, long Size, string Sha256, string BlobName);

/// <summary>
/// A manual reimbursement application as stored: one table entity, so the status and its audit history change together in one
/// ETag-conditional write. <see cref="PersonKey"/> is the applicant (from the beneficiary token), never a clear ID number.
/// </summary>
public sealed record ReimbursementApplication
{
    public required string ApplicationId { get; init; }
    public required string PersonKey { get; init; }
    public required string MaskedIdNumber { get; init; }
    public required ReimbursementVisit Visit { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public required string Status { get; init; }
    public required IReadOnlyList<StoredMaterial> Materials { get; init; }
    public required IReadOnlyList<ReimbursementTransition> History { get; init; }
    public decimal? CheckedPolicyScopeSelfPay { get; init; }
    public decimal? CheckedOutOfPolicySelfPay { get; init; }

    /// <summary>The basic insurance staff read on the invoice when approving (resident, employee, none).</summary>
    public string? CheckedInsurance { get; init; }
    public string? RejectionReason { get; init; }
    public string? ClaimId { get; init; }

    public ReimbursementApplication Move(string status, string by, DateTimeOffset at, string? reason = null) =>
        this with { Status = status, History = [.. History, new ReimbursementTransition(status, by, at, reason)] };
}
