namespace MedicalAssistance.Functions.Beneficiaries.SignIn;

/// <summary>
/// The current one-time code of an ID number (one entity per person key, whether or not the person is on record). The code
/// itself is stored only as a keyed hash. <see cref="Deliverable"/> is false when no code could be sent (unknown person,
/// name that does not match, no mobile phone on file): such a code never verifies.
/// </summary>
public sealed record SignInCode
{
    public required string PersonKey { get; init; }
    public required string ChallengeId { get; init; }
    /// <summary>HMAC-SHA256 of the challenge and code; empty once voided.</summary>
    public required string CodeHash { get; init; }
    public required bool Deliverable { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public int WrongTries { get; init; }
    public bool Used { get; init; }
    /// <summary>Start of the rate-limit window and the codes sent in it (per ID number).</summary>
    public required DateTimeOffset WindowStart { get; init; }
    public int SentInWindow { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    /// <summary>The challenge whose SMS was handed to the sender (a redelivered queue message sends nothing twice).</summary>
    public string? DeliveredChallenge { get; init; }
}
