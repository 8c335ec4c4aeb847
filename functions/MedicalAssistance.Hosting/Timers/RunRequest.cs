namespace MedicalAssistance.Hosting.Timers;

/// <summary>A request to run a timer function now, queued by <c>POST /api/runs/{name}</c> on the runs queue.</summary>
public sealed record RunRequest(string Id, string Name, string? Period, string RequestedBy, DateTimeOffset RequestedAt);
