namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// One run by name and period as table <c>runs</c> keeps it. <see cref="Attempt"/> counts the claims of the period (a crashed
/// run taken over is a new attempt); <see cref="HeartbeatAt"/> tells a live run from a crashed one; <see cref="Checkpoint"/>
/// says how far the attempt got (informative); <see cref="ResumeData"/> is what a run saved to go on from there
/// (<see cref="RunContext.CheckpointAsync{T}"/>): a crashed or failed attempt taken over resumes from it.
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
    string? Error)
{
    /// <summary>
    /// The run's own checkpoint as JSON (null = none: start from the beginning), written with the heartbeat under the attempt's
    /// ETag, so an attempt taken over can never overwrite the checkpoint of the one that took it over. Kept across a takeover,
    /// cleared when the run is done.
    /// </summary>
    public string? ResumeData { get; init; }
}
