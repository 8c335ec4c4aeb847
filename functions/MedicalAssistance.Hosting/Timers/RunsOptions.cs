namespace MedicalAssistance.Hosting.Timers;

/// <summary>Configuration section <c>Hosting:Runs</c>: the queue run requests travel on (default <c>runs</c>; tests use their own).</summary>
public sealed class RunsOptions
{
    public const string Section = "Hosting:Runs";

    public string Queue { get; set; } = "runs";
}
