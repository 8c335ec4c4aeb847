namespace MedicalAssistance.Contracts.Claims;

/// <summary><c>GET /api/claims/{id}</c>: a claim's settlement as the person's ledger holds it.</summary>
/// <param name="Status"><c>queued</c>, <c>settled</c>, <c>held</c> or <c>reversed</c>.</param>
/// <param name="MaskedIdNumber">The patient's ID number, masked (e.g. <c>4401**********123X</c>).</param>
/// <param name="Result">The engine's result (null while queued or held).</param>
/// <param name="Held">Why the claim waits (only when held).</param>
/// <param name="Ledger">The person's accumulators for the claim's accounting year after this claim (null unless settled).</param>
public sealed record ClaimView(
    string Id,
    string Profile,
    string Status,
    string MaskedIdNumber,
    string? FacilityCode,
    ClaimResultView? Result,
    ClaimHeldView? Held,
    ClaimLedgerView? Ledger,
    IReadOnlyList<ClaimHistoryEntry> History);

/// <summary>The claim result of docs/scenario-format.md §5 with its Chinese and English explanation.</summary>
public sealed record ClaimResultView(
    string? Category,
    int AccountingYear,
    decimal DeductibleApplied,
    decimal Assistance,
    decimal Tilted,
    decimal Secondary,
    decimal Total,
    string? Reason,
    ClaimExplanationView Explanation);

public sealed record ClaimExplanationView(string Zh, string En);

/// <param name="Code"><c>MISSING_PARAMETER</c> (with the parameter's field) or <c>PROFILE_NOT_IN_FORCE</c>.</param>
public sealed record ClaimHeldView(string Code, string? Field);

/// <summary>The person's accumulators of one accounting year (docs/scenario-format.md §4.8–4.10), after the claim.</summary>
public sealed record ClaimLedgerView(
    int Year,
    decimal DeductibleUsed,
    decimal Paid,
    decimal TiltedDeductibleUsed,
    decimal TiltedPaid,
    decimal SecondaryBase,
    decimal SecondaryPaid,
    decimal Total);

/// <param name="Event"><c>settled</c>, <c>adjusted</c> or <c>reversed</c>.</param>
/// <param name="Cause">What made it change: <c>claim</c>, <c>late-claim</c>, <c>reversal</c>, <c>parameters</c>, <c>identity</c>.</param>
public sealed record ClaimHistoryEntry(DateTimeOffset At, string Event, decimal Total, decimal Delta, string Cause);
