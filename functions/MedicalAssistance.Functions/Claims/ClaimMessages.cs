namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// Queue <c>claims</c>: one claim to apply to its person's ledger, new or reversed. It carries the stored claim itself (no clear
/// ID number, no name), so the handler needs no read of table <c>claims</c>; a reversal is final, so a late copy of the
/// original message never revives a reversed claim.
/// </summary>
/// <param name="SettledOn">The counter settlement date (the month that pays it); null in messages queued before it travelled.</param>
public sealed record ClaimQueued(
    string ClaimId,
    string Profile,
    string PersonKey,
    string MaskedIdNumber,
    DateOnly BirthDate,
    string Version,
    string Input,
    string? FacilityCode,
    bool Reversed = false,
    string? ReversalReason = null,
    string? FacilityName = null,
    DateOnly? SettledOn = null);

/// <summary>
/// Queue <c>recompute</c>: compute persons' claims again. Either the persons whose identity periods a roster changed
/// (<see cref="PersonKeys"/>, every profile they have claims in), or every person with claims served in a profile's year
/// whose settlement parameters were set (<see cref="Profile"/> and <see cref="Year"/>).
/// </summary>
/// <param name="Cause"><see cref="RecomputeCause.Identity"/> or <see cref="RecomputeCause.Parameters"/>.</param>
public sealed record RecomputeRequest(string Cause, IReadOnlyList<string>? PersonKeys = null, string? Profile = null, int? Year = null);
