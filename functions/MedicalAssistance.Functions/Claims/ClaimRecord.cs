namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// A submitted claim as table <c>claims</c> keeps it: what GET and reversal need to find the person's ledger, and what a
/// second submission of the same id is compared with. The ID number and the name are stored encrypted only.
/// </summary>
/// <param name="Version">Hash of the submitted content (<see cref="ClaimIntake"/>): equal content, equal version.</param>
public sealed record ClaimRecord(
    string Id,
    string Profile,
    string PersonKey,
    string MaskedIdNumber,
    string EncryptedIdNumber,
    string EncryptedName,
    DateOnly BirthDate,
    string? FacilityCode,
    string? FacilityName,
    DateOnly SettledOn,
    string Input,
    string Version,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    string? ReversalReason = null,
    string? ReversedBy = null,
    DateTimeOffset? ReversedAt = null)
{
    public bool Reversed => ReversedAt is not null;
}
