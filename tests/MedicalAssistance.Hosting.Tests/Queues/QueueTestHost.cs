using System.Collections.Concurrent;
using MedicalAssistance.Hosting.BlobArrivals;
using MedicalAssistance.Hosting.Catalog;
using MedicalAssistance.Hosting.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Azure.Functions.Worker;
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
    /// <summary>Messages the host gave up on (moved to poison), as the poison queue's function received them.</summary>
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

/// <summary>The test's queue function: queue <c>%Test:Queue%</c>, set per test by <see cref="QueueTestHost.AddProbeFunctions"/>.</summary>
public sealed class ProbeQueueFunctions(QueueProbe probe)
{
    public const string Name = "ProbeQueue";

    [Function(Name)]
    public Task ProbeQueue([QueueTrigger("%Test:Queue%")] TestMessage message, CancellationToken cancellationToken) =>
        probe.RunAsync(message, cancellationToken);
}

/// <summary>A function on the probe queue's poison twin: how a feature hears that the host gave up on a message.</summary>
public sealed class ProbeGivenUpFunctions(QueueProbe probe)
{
    [Function("ProbeGivenUp")]
    public Task ProbeGivenUp([QueueTrigger("%Test:Queue%-poison")] TestMessage message)
    {
        probe.GivenUp.Enqueue(message);
        return Task.CompletedTask;
    }
}

internal static class QueueTestHost
{
    public static Task<RunningApp> StartAsync(string storage, string queue, QueueProbe probe, IDictionary<string, string?>? overrides = null, params Type[] functions) =>
        StandaloneTestHost.StartAsync(storage, builder =>
        {
            builder.Configuration.AddInMemoryCollection(FastHostSettings.Queues);
            if (overrides is not null)
            {
                builder.Configuration.AddInMemoryCollection(overrides);
            }

            builder.Services.AddSingleton(probe);
            builder.AddProbeFunctions(queue, functions.Length > 0 ? functions : [typeof(ProbeQueueFunctions)]);
        });

    /// <summary>Serves <paramref name="functions"/> with app setting <c>Test:Queue</c> = <paramref name="queue"/>.</summary>
    public static void AddProbeFunctions(this WebApplicationBuilder builder, string queue, params Type[] functions)
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Test:Queue"] = queue });
        builder.Services.AddFunctions(FunctionCatalog.FromTypes(functions));
    }
}
