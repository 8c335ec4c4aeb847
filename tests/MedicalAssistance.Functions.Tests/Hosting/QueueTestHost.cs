using System.Collections.Concurrent;
using MedicalAssistance.Functions.Hosting;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalAssistance.Functions.Tests.Hosting;

public sealed record TestMessage(string Id, string Text);

/// <summary>What the test function did, and what it should do next (set by each test).</summary>
public sealed class QueueProbe
{
    private int _running;

    public ConcurrentDictionary<string, int> Attempts { get; } = new();
    public ConcurrentQueue<TestMessage> Completed { get; } = new();
    /// <summary>Messages the host told the function it gave up on (moved to poison).</summary>
    public ConcurrentQueue<TestMessage> GivenUp { get; } = new();
    public int MaxConcurrent { get; private set; }

    /// <summary>Runs inside the handler: (message, attempt number, token).</summary>
    public Func<TestMessage, int, CancellationToken, Task> Behaviour { get; set; } = (_, _, _) => Task.CompletedTask;

    internal async Task RunAsync(TestMessage message, CancellationToken ct)
    {
        var attempt = Attempts.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
        var running = Interlocked.Increment(ref _running);
        lock (this)
        {
            MaxConcurrent = Math.Max(MaxConcurrent, running);
        }

        try
        {
            await Behaviour(message, attempt, ct);
            Completed.Enqueue(message);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}

public sealed class ProbeQueueFunction(QueueProbe probe) : IQueueFunction<TestMessage>, IQueueFunctionGivenUp<TestMessage>
{
    public Task RunAsync(TestMessage message, CancellationToken cancellationToken) => probe.RunAsync(message, cancellationToken);

    public Task GivenUpAsync(TestMessage message, CancellationToken cancellationToken)
    {
        probe.GivenUp.Enqueue(message);
        return Task.CompletedTask;
    }
}

internal static class QueueTestHost
{
    /// <summary>Small intervals so tests run in well under a second per retry.</summary>
    public static readonly Dictionary<string, string?> FastQueues = new()
    {
        ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.100",
        ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00",
        ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "3",
        ["Hosting:Queues:MinPollingInterval"] = "00:00:00.020",
        ["Hosting:ShutdownTimeout"] = "00:00:10",
        ["Hosting:BlobArrivals:Scan"] = "false",
    };

    public static Task<RunningApp> StartAsync(string storage, string queue, QueueProbe probe, IDictionary<string, string?>? overrides = null) =>
        FunctionsHost.StartAsync(storage, builder =>
        {
            builder.Configuration.AddInMemoryCollection(FastQueues);
            if (overrides is not null)
            {
                builder.Configuration.AddInMemoryCollection(overrides);
            }

            builder.Services.AddSingleton(probe);
            builder.Services.AddQueueFunction<TestMessage, ProbeQueueFunction>(queue);
        });
}
