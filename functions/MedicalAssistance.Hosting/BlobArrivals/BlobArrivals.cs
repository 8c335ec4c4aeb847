using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Hosting.BlobArrivals;

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
        services.AddStorage(containers: [container], queues: [queueName]);
        services.AddSingleton(new BlobArrivalWatch(container, string.IsNullOrEmpty(prefix) ? null : prefix, queueName));
        return services;
    }

    /// <summary>As above, the container and queue named by the feature's options.</summary>
    public static IServiceCollection AddBlobArrivals<TOptions>(this IServiceCollection services, Func<TOptions, string> container, string? prefix, Func<TOptions, string> queueName)
        where TOptions : class
    {
        services.AddStorageContainers(container);
        services.AddStorageQueues(queueName);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<TOptions>>().Value;
            QueueFunctions.ValidateQueueName(queueName(options));
            return new BlobArrivalWatch(container(options), string.IsNullOrEmpty(prefix) ? null : prefix, queueName(options));
        });
        return services;
    }
}
