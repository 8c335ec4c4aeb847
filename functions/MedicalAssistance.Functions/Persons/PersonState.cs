using MedicalAssistance.Functions.Enrolment;

namespace MedicalAssistance.Functions.Persons;

/// <summary>One identity a department determined: inclusive dates, <see cref="End"/> null while open.</summary>
/// <param name="Department">Code of the department whose roster set this period (for audits and reports).</param>
public sealed record IdentityPeriod(string Type, DateOnly DeterminedOn, DateOnly Start, DateOnly? End, string Department)
{
    public bool SameDates(IdentityPeriod other) =>
        Type == other.Type && DeterminedOn == other.DeterminedOn && Start == other.Start && End == other.End;

    public bool Overlaps(DateOnly start, DateOnly? end) =>
        Start <= (end ?? DateOnly.MaxValue) && start <= (End ?? DateOnly.MaxValue);
}

/// <summary>
/// A person's whole mutable record, kept in ONE table entity (<c>{personKey}|profile</c>) so that a single ETag-conditional
/// write changes it atomically: identities, deceased flag and enrolments can never be half-updated by two ledgers at once.
/// Audit records and the exemption ledger are separate, immutable entities written after the commit from
/// <see cref="Outbox"/>, so a crash between the two loses nothing: the next reader writes what is missing.
/// </summary>
public sealed record PersonState
{
    public required string PersonKey { get; init; }
    /// <summary>The ID number, AES-GCM encrypted (<see cref="IdProtector"/>).</summary>
    public required string EncryptedIdNumber { get; init; }
    public required string MaskedIdNumber { get; init; }
    public required string EncryptedName { get; init; }
    /// <summary>Keyed hash of the name: detects a changed name without decrypting.</summary>
    public required string NameFingerprint { get; init; }
    public required DateOnly BirthDate { get; init; }
    /// <summary>
    /// 联系电话 from the latest roster row that gave one, AES-GCM encrypted like the ID number (<see cref="IdProtector"/>);
    /// null when no roster gave a phone. The beneficiary sign-in sends its one-time code there.
    /// </summary>
    public string? EncryptedPhone { get; init; }
    /// <summary>Keyed hash of the phone: detects a changed phone without decrypting.</summary>
    public string? PhoneFingerprint { get; init; }
    public bool Deceased { get; init; }
    public DateOnly? DeceasedOn { get; init; }
    public IReadOnlyList<IdentityPeriod> Identities { get; init; } = [];
    public IReadOnlyList<EnrolmentRecord> Enrolments { get; init; } = [];
    /// <summary>Incremented by every commit.</summary>
    public int Version { get; init; }
    /// <summary>Random id of the commit that wrote this version: tells a retry whether its own write landed.</summary>
    public string CommitId { get; init; } = "";
    /// <summary>
    /// <c>{batchId}#{row}</c> of the most recent rows this person's commits answered, so re-applying a batch changes nothing.
    /// </summary>
    public IReadOnlyList<string> AppliedRows { get; init; } = [];
    /// <summary>
    /// How the last batch's rows in <see cref="AppliedRows"/> were answered, when not plainly "applied" (notes, unchanged,
    /// rejected): a batch re-applied after a crash reports each row exactly as the first time (notes depend on the day).
    /// Only the latest batch's answers are kept; an older batch's key without an answer reads as applied.
    /// </summary>
    public IReadOnlyDictionary<string, Rosters.RowOutcome> RowAnswers { get; init; } = new Dictionary<string, Rosters.RowOutcome>();
    public PersonOutbox Outbox { get; init; } = PersonOutbox.Empty;
}

/// <summary>The immutable records the last commit produced; written (idempotently) after the commit.</summary>
public sealed record PersonOutbox(IReadOnlyList<AuditRecord> Audits, IReadOnlyList<ExemptionEntry> Exemptions)
{
    public static PersonOutbox Empty { get; } = new([], []);
}

/// <summary>
/// Who changed what: one per applied row. <see cref="Before"/> and <see cref="After"/> are JSON snapshots of the person's
/// identities, deceased flag and enrolments (never the ID number or name).
/// </summary>
public sealed record AuditRecord(
    string RowKey,
    DateTimeOffset At,
    string SubmittedBy,
    string Department,
    string BatchId,
    int Row,
    string Change,
    string IdentityType,
    string Before,
    string After);

/// <summary>免缴台账: a subsidised person's exemption from paying the individual contribution for a year.</summary>
public sealed record ExemptionEntry(
    string Profile,
    int Year,
    string PersonKey,
    string MaskedIdNumber,
    string IdentityType,
    SubsidyLevel Level,
    decimal? Amount,
    EnrolmentStatus Status,
    DateOnly RegisteredOn,
    string BatchId,
    int Row);
