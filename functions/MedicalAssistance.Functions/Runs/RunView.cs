namespace MedicalAssistance.Functions.Runs;

/// <summary>The body of <c>GET /api/runs/{name}/{period}</c> (issue "Every run" 1), readable while the run is going.</summary>
public sealed record RunView(
    string Name,
    string Period,
    string Status,
    RunProgress Progress,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyDictionary<string, RunTotals> Totals,
    IReadOnlyList<RunOutput> Outputs,
    string? Error)
{
    public static RunView Of(RunState s) =>
        new(s.Name, s.Period, s.Status, new RunProgress(s.Done, s.Total), s.StartedAt, s.FinishedAt, s.Totals, s.Outputs, s.Error);
}

/// <summary>How many of the run's units (persons read) are done of how many.</summary>
public sealed record RunProgress(int Done, int Total);
