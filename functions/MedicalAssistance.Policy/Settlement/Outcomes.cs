namespace MedicalAssistance.Policy.Settlement;

/// <summary>Why a claim's total is zero (scenario-format.md §7). <see cref="None"/> when it is not.</summary>
public enum ZeroReason : byte
{
    None,
    NoCoveredIdentity,
    NotEligibleOnDate,
    IdentityEndedDuringStay,
    InsuranceNotEligible,
    NonDesignatedFacility,
    Excluded,
    KindNotCovered,
    NoReferral,
    NoEligibleCost,
    BelowDeductible,
    CapExhausted,
    NoBenefit,
}

public static class ZeroReasons
{
    private static readonly string?[] Codes =
    [
        null, "NO_COVERED_IDENTITY", "NOT_ELIGIBLE_ON_DATE", "IDENTITY_ENDED_DURING_STAY", "INSURANCE_NOT_ELIGIBLE",
        "NON_DESIGNATED_FACILITY", "EXCLUDED", "KIND_NOT_COVERED", "NO_REFERRAL", "NO_ELIGIBLE_COST", "BELOW_DEDUCTIBLE",
        "CAP_EXHAUSTED", "NO_BENEFIT",
    ];

    public static string? Code(this ZeroReason reason) => Codes[(int)reason];

    /// <summary>The claim never reached the calculation (no candidate, or a gate failed): nothing accumulated.</summary>
    public static bool StoppedBeforeCalculation(this ZeroReason reason) => reason is > ZeroReason.None and < ZeroReason.NoEligibleCost;
}

/// <summary>
/// The settlement of one claim: the §5 result fields plus the numbers an explanation needs (state before the claim).
/// A plain struct so that settling allocates nothing per claim; text is rendered only when results are written.
/// </summary>
public struct ClaimOutcome
{
    /// <summary>Category slot (class number, glossary rank, or the two-disease slot); 0 when no identity qualified.</summary>
    public int Slot { get; set; }

    /// <summary>Index in <c>person.identities</c> of the identity whose category was used; -1 for none or TWO_DISEASE_CHILD.</summary>
    public int IdentityIndex { get; set; }

    public int AccountingYear { get; set; }
    public ZeroReason Reason { get; set; }

    /// <summary>The tilted step ran (the category has tilted values and the claim met its conditions).</summary>
    public bool TiltedApplied { get; set; }

    /// <summary>Eligible cost E (§4.2).</summary>
    public decimal Eligible { get; set; }

    public decimal DeductibleRemainingBefore { get; set; }
    public decimal DeductibleApplied { get; set; }
    public decimal CapRemainingBefore { get; set; }
    public decimal Assistance { get; set; }
    public decimal TiltedDeductibleRemainingBefore { get; set; }
    public decimal TiltedDeductibleApplied { get; set; }
    public decimal TiltedCapRemainingBefore { get; set; }
    public decimal Tilted { get; set; }

    /// <summary>Jieyang: the year's cumulative self-paid amount after this claim (JY-1).</summary>
    public decimal SecondaryBase { get; set; }

    public decimal SecondaryPaidBefore { get; set; }
    public decimal Secondary { get; set; }

    public readonly decimal Total => Assistance + Tilted + Secondary;
}

/// <summary>One accounting year's summary (§4.12).</summary>
public struct YearOutcome
{
    public int Year { get; set; }
    public decimal Assistance { get; set; }
    public decimal Tilted { get; set; }
    public decimal Secondary { get; set; }
    public decimal PersonalBurden { get; set; }

    /// <summary>Bit i set = early-warning level i of the profile was exceeded.</summary>
    public int AlertMask { get; set; }

    public readonly decimal Total => Assistance + Tilted + Secondary;
}

/// <summary>A settled scenario: one outcome per claim in input order, years ascending.</summary>
public sealed class SettlementResult(Scenarios.Scenario scenario, ClaimOutcome[] claims, YearOutcome[] years)
{
    public Scenarios.Scenario Scenario { get; } = scenario;
    public ClaimOutcome[] Claims { get; } = claims;
    public YearOutcome[] Years { get; } = years;

    /// <summary>
    /// The early-warning levels a year exceeded (Inner Mongolia Art. 8, IM-4: burden strictly above the threshold), with the
    /// threshold of each, in the profile's order; none for a profile without early-warning levels.
    /// </summary>
    public IReadOnlyList<(string Alert, decimal Threshold)> AlertsOf(YearOutcome year)
    {
        var levels = Scenario.AlertsFor(year.Year);
        return [.. levels.Where((_, a) => (year.AlertMask & (1 << a)) != 0).Select(l => (l.Alert, l.Threshold))];
    }
}
