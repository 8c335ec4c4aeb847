namespace MedicalAssistance.Functions.Hosting;

/// <summary>A watched place: every blob created under <see cref="Prefix"/> in <see cref="Container"/> becomes one message on <see cref="QueueName"/>.</summary>
public sealed record BlobArrivalWatch(string Container, string? Prefix, string QueueName);

public static class BlobArrivals
{
    /// <summary>
    /// Turns blobs arriving in <paramref name="container"/> (under <paramref name="prefix"/>, or anywhere) into
    /// <see cref="BlobCreatedEvent"/> messages on <paramref name="queueName"/>, exactly one per (blob name, ETag).
    /// Locally a scanner does it (<c>Hosting:BlobArrivals:ScanInterval</c>); in Azure an Event Grid subscription does
    /// (set <c>Hosting:BlobArrivals:Scan=false</c>). Handle the queue with <c>AddQueueFunction&lt;BlobCreatedEvent, …&gt;</c>.
    /// </summary>
    public static IServiceCollection AddBlobArrivals(this IServiceCollection services, string container, string? prefix, string queueName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(container);
        QueueFunctions.ValidateQueueName(queueName);
        StorageLayout.AddContainer(container);
        StorageLayout.AddQueue(queueName);
        services.AddSingleton(new BlobArrivalWatch(container, string.IsNullOrEmpty(prefix) ? null : prefix, queueName));
        return services;
    }
}
