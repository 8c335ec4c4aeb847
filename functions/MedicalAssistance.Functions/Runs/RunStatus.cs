namespace MedicalAssistance.Functions.Runs;

/// <summary>The states of a run by name and period (GET /api/runs/{name}/{period}).</summary>
public static class RunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}
