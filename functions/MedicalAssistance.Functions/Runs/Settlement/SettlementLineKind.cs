namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>Why a claim is in a settlement run.</summary>
public static class SettlementLineKind
{
    /// <summary>Settled in the run's month and paid for the first time.</summary>
    public const string Regular = "regular";

    /// <summary>Settled in an earlier month and paid for the first time: it arrived after its month's run.</summary>
    public const string Late = "late";

    /// <summary>Paid by an earlier run and recomputed or reversed since: the difference is paid (positive) or recovered (negative).</summary>
    public const string Adjustment = "adjustment";
}
