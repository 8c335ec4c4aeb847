namespace MedicalAssistance.Functions.Simulate;

/// <summary>Rate limit of the anonymous simulate endpoint, per client address (configuration section <c>Simulate:RateLimit</c>).</summary>
public sealed class SimulateRateLimitOptions
{
    public const string Section = "Simulate:RateLimit";

    /// <summary>Requests allowed per client address in one window.</summary>
    public int PermitLimit { get; set; } = 60;

    public int WindowSeconds { get; set; } = 60;
}
