using MedicalAssistance.Contracts.Claims;
using MedicalAssistance.Functions.Persons;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// The atomic unit of settlement (architecture.md §4): ONE entity per person and profile holding every claim of the person in
/// that profile, the result of each, its history and the adjustments of the last commit. One entity rather than one per
/// person-year because Meizhou's retro rule (policy-rules.md MZ-2) charges a claim to another year than its own, and a late
/// claim or a new identity can move claims between years: with one entity every year of the person changes in one
/// ETag-conditional write, so no two years can disagree. It is only ever replaced whole, after a fresh read.
/// </summary>
public sealed record ClaimLedgerState
{
    public required string PersonKey { get; init; }
    public required string Profile { get; init; }
    public required string MaskedIdNumber { get; init; }
    public required DateOnly BirthDate { get; init; }

    /// <summary>The claims applied, in arrival order: which ids and versions this ledger has taken in (exactly once).</summary>
    public IReadOnlyList<LedgerClaim> Claims { get; init; } = [];

    /// <summary>The current result of every claim by id.</summary>
    public IReadOnlyDictionary<string, LedgerResult> Results { get; init; } = new Dictionary<string, LedgerResult>();

    /// <summary>Every change of each claim's result, oldest first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ClaimHistoryEntry>> History { get; init; } = new Dictionary<string, IReadOnlyList<ClaimHistoryEntry>>();

    /// <summary>
    /// The person's identity periods (from the rosters) the results were computed from; null in ledgers written before they
    /// were kept here. A roster's change recomputes the ledger from a fresh read of the person, which replaces them.
    /// </summary>
    public IReadOnlyList<IdentityPeriod>? Identities { get; init; }

    /// <summary>Version of the person's identity record (PersonState.Version) the results were computed from; -1 = not on record.</summary>
    public int PersonVersion { get; init; } = -1;

    public int Version { get; init; }
    public string CommitId { get; init; } = "";

    /// <summary>
    /// The adjustments of the last commit, and of earlier commits its writer did not know to be written; written to the
    /// adjustments table after the commit (idempotently, again if need be).
    /// </summary>
    public IReadOnlyList<ClaimAdjustment> Outbox { get; init; } = [];
}

/// <summary>One claim as the ledger applied it.</summary>
/// <param name="Version">Hash of the submitted content: the same id with the same version is the same claim.</param>
/// <param name="Input">The claim in the scenario's JSON (docs/scenario-format.md §3.3) plus <c>insurance</c> and <c>mentalDisorder</c>.</param>
/// <param name="FacilityName">The facility's name as submitted (not part of the scenario input); null in ledgers written before it was kept.</param>
/// <param name="SettledOn">The counter settlement date, which selects the month that pays the claim; null in ledgers written before it was kept
/// (the monthly run then reads it from table <c>claims</c>).</param>
public sealed record LedgerClaim(string Id, string Version, string Input, string? FacilityCode, bool Reversed, string? ReversalReason, string? FacilityName = null,
    DateOnly? SettledOn = null);

/// <summary>A claim's current result: settled (numbers and explanation), held (code and field) or reversed.</summary>
public sealed record LedgerResult(
    string Status,
    string? Category,
    int AccountingYear,
    decimal DeductibleApplied,
    decimal Assistance,
    decimal Tilted,
    decimal Secondary,
    decimal Total,
    string? Reason,
    string? ExplanationZh,
    string? ExplanationEn,
    string? HeldCode,
    string? HeldField,
    ClaimLedgerView? Ledger);

/// <summary>
/// A change of a claim's payable total, for the monthly runs to pay (positive delta) or recover (negative): the first settlement
/// is one too (before 0). Keyed by the commit that made it, so writing it twice is harmless.
/// </summary>
public sealed record ClaimAdjustment(string ClaimId, int AccountingYear, decimal Before, decimal After, decimal Delta, string Cause, DateTimeOffset At, string CommitId);
