namespace MedicalAssistance.Contracts.Claims;

/// <summary>
/// The answer to <c>POST /api/claims</c>: 202 when any claim is new (queued), 200 when every claim was already stored with
/// the same content (its status as stored).
/// </summary>
public sealed record ClaimsAccepted(IReadOnlyList<ClaimAcceptance> Claims);

/// <param name="Status"><c>queued</c>, <c>settled</c>, <c>held</c> or <c>reversed</c>.</param>
public sealed record ClaimAcceptance(string Id, string Status);
