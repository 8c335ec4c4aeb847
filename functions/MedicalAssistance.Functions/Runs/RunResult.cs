namespace MedicalAssistance.Functions.Runs;

/// <summary>What a finished run reports: totals per profile and the files it wrote under <c>reports/{name}/{period}/</c>.</summary>
public sealed record RunResult(IReadOnlyDictionary<string, RunTotals> Totals, IReadOnlyList<string> Files);
