namespace MedicalAssistance.Functions.Runs.FundBudgets;

/// <summary>One version of a profile's fund figures for a year, with who set it and when (versions are kept, never edited).</summary>
public sealed record FundBudgetVersion(string Profile, int Year, int Version, FundBudget Budget, string SetBy, DateTimeOffset SetAt);
