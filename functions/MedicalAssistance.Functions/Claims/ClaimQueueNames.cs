namespace MedicalAssistance.Functions.Claims;

/// <summary>The queues of claim settlement (<c>Claims:Queue</c>, <c>Claims:RecomputeQueue</c>; tests use their own).</summary>
public sealed record ClaimQueueNames(string Claims, string Recompute)
{
    public const string ClaimsKey = "Claims:Queue";
    public const string RecomputeKey = "Claims:RecomputeQueue";
    public const string DefaultClaims = "claims";
    public const string DefaultRecompute = "recompute";
}
