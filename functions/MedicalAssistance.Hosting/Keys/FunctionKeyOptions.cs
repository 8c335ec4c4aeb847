namespace MedicalAssistance.Hosting.Keys;

/// <summary>Configuration section <c>Hosting:Keys</c>.</summary>
public sealed class FunctionKeyOptions
{
    public const string Section = "Hosting:Keys";

    /// <summary>
    /// How long the key table is kept in memory before it is read again: a key created or revoked on another host works or stops
    /// working on this one within this time (on this host at once).
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
