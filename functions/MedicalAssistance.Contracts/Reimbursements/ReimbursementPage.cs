namespace MedicalAssistance.Contracts.Reimbursements;

/// <summary><c>GET /api/reimbursements?status=…</c>: one page of applications; pass <see cref="ContinuationToken"/> back for the next.</summary>
public sealed record ReimbursementPage(IReadOnlyList<ReimbursementSummary> Items, string? ContinuationToken);

/// <summary>An application in a staff list.</summary>
public sealed record ReimbursementSummary(string ApplicationId, string MaskedIdNumber, string Status, string StatusName, DateTimeOffset SubmittedAt, string FacilityName, DateOnly Admission);
