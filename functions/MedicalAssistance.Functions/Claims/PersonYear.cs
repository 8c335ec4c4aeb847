namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// One accounting year of a person's claims as the engine sums it (<see cref="PersonClaimSettlement.Years"/>): the personal
/// burden (policy-rules.md G-8) and the early-warning levels exceeded, each with its threshold (Inner Mongolia Art. 8).
/// </summary>
public sealed record PersonYear(int Year, decimal PersonalBurden, IReadOnlyList<(string Alert, decimal Threshold)> Alerts);
