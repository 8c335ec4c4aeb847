namespace MedicalAssistance.Contracts.Claims;

/// <summary>The body of <c>POST /api/claims/{id}/reversal</c>.</summary>
public sealed record ClaimReversalRequest(string? Reason);
