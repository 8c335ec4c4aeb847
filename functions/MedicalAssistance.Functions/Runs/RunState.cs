namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// One run by name and period as table <c>runs</c> keeps it. <see cref="Attempt"/> counts the claims of the period (a crashed
/// run taken over is a new attempt); <see cref="HeartbeatAt"/> tells a live run from a crashed one; <see cref="Checkpoint"/>
/// says how far the attempt got (informative: a taken-over run restarts cleanly and writes identical outputs).
/// </summary>
public sealed record RunState(
    string Name,
    string Period,
    string Status,
    int Done,
    int Total,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? HeartbeatAt,
    int Attempt,
    string? Checkpoint,
    IReadOnlyDictionary<string, RunTotals> Totals,
    IReadOnlyList<RunOutput> Outputs,
    string? Error);
