using System.Collections.Concurrent;
using MedicalAssistance.Hosting.BlobArrivals;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalAssistance.Hosting.Tests.Queues;

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
    public static Task<RunningApp> StartAsync(string storage, string queue, QueueProbe probe, IDictionary<string, string?>? overrides = null) =>
        StandaloneTestHost.StartAsync(storage, builder =>
        {
            builder.Configuration.AddInMemoryCollection(FastHostSettings.Queues);
            if (overrides is not null)
            {
                builder.Configuration.AddInMemoryCollection(overrides);
            }

            builder.Services.AddSingleton(probe);
            builder.Services.AddQueueFunction<TestMessage, ProbeQueueFunction>(queue);
        });
}
