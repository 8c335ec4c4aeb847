namespace MedicalAssistance.Contracts.Claims;

/// <summary>The body of <c>POST /api/claims</c>: up to 1,000 claims.</summary>
public sealed record ClaimsSubmission(IReadOnlyList<ClaimRecordDto> Claims);
