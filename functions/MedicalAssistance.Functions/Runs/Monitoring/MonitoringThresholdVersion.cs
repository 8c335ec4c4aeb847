namespace MedicalAssistance.Functions.Runs.Monitoring;

/// <summary>One version of a profile's monitoring threshold for a year, with who set it and when (versions are kept, never edited).</summary>
public sealed record MonitoringThresholdVersion(string Profile, int Year, int Version, MonitoringThreshold Threshold, string SetBy, DateTimeOffset SetAt);
