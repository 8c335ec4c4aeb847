namespace MedicalAssistance.Hosting.Keys;

/// <summary>Configuration section <c>Hosting:Keys</c>.</summary>
public sealed class FunctionKeyOptions
{
    public const string Section = "Hosting:Keys";

    /// <summary>How long a verified key stays cached in memory: a key revoked on another host stops working within this time.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
