namespace MedicalAssistance.Functions.Runs;

/// <summary>The run's state changed under this attempt (another host took a stale run over): this attempt must stop writing.</summary>
public sealed class RunTakenOverException(string name, string period)
    : Exception($"Run {name} {period} was taken over by another attempt; this one stops.");
