namespace MedicalAssistance.Functions.Claims;

/// <summary>The statuses and causes the claims contract names (GET /api/claims/{id}).</summary>
public static class ClaimStatus
{
    public const string Queued = "queued";
    public const string Settled = "settled";
    public const string Held = "held";
    public const string Reversed = "reversed";

    public const string EventSettled = "settled";
    public const string EventAdjusted = "adjusted";
    public const string EventReversed = "reversed";

    public const string MissingParameter = "MISSING_PARAMETER";
    public const string ProfileNotInForce = "PROFILE_NOT_IN_FORCE";
}

/// <summary>Why a person's results were computed again (the adjustment's cause).</summary>
public static class RecomputeCause
{
    public const string Claim = "claim";
    public const string LateClaim = "late-claim";
    public const string Reversal = "reversal";
    public const string Parameters = "parameters";
    public const string Identity = "identity";
}
