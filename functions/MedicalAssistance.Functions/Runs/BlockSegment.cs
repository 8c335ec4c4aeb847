namespace MedicalAssistance.Functions.Runs;

/// <summary>Blocks 0…<see cref="Count"/>-1 that attempt <see cref="Attempt"/> staged of a checkpointed output (<see cref="CheckpointedCsvOutput"/>).</summary>
public sealed record BlockSegment(int Attempt, int Count);
