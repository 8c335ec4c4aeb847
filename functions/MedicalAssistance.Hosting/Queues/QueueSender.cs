using System.Collections.Concurrent;
using Azure;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Hosting.Queues;

/// <summary>Sends JSON messages in the shape queue listeners read (<see cref="QueueFunctions.Json"/>). Creates a missing queue once.</summary>
public sealed class QueueSender(StorageAccount storage)
{
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    public async Task SendAsync<TMessage>(string queueName, TMessage message, CancellationToken ct)
    {
        var body = BinaryData.FromObjectAsJson(message, QueueFunctions.Json);
        var queue = storage.Queue(queueName);
        if (!_known.ContainsKey(queueName))
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: ct);
            _known[queueName] = true;
        }

        try
        {
            await queue.SendMessageAsync(body, cancellationToken: ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Deleted since we last looked (tests, operators): create it again and send once more.
            await queue.CreateIfNotExistsAsync(cancellationToken: ct);
            await queue.SendMessageAsync(body, cancellationToken: ct);
        }
    }
}
