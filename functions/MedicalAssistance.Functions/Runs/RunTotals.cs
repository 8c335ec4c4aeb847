namespace MedicalAssistance.Functions.Runs;

/// <summary>A profile's totals of a run: what its payables file sums to.</summary>
public sealed record RunTotals(int Count, decimal Assistance, decimal Tilted, decimal Secondary, decimal Total);
