namespace MedicalAssistance.Hosting.BlobArrivals;

/// <summary>A watched place: every blob created under <see cref="Prefix"/> in <see cref="Container"/> becomes one message on <see cref="QueueName"/>.</summary>
public sealed record BlobArrivalWatch(string Container, string? Prefix, string QueueName);
