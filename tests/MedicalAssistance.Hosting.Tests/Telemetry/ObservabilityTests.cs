using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Diagnostics;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Telemetry;
using MedicalAssistance.Hosting.Tests.Queues;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedicalAssistance.Hosting.Tests.Telemetry;

/// <summary>Records each log entry with the scope values in force, as a structured sink (OpenTelemetry, JSON console) sees them.</summary>
internal sealed class ScopeCapturingProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(string Message, Dictionary<string, object?> Scope)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(ScopeCapturingProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, object?>();
            provider._scopes.ForEachScope((value, values) =>
            {
                if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, item) in pairs)
                    {
                        values[key] = item;
                    }
                }
            }, scope);
            provider.Entries.Enqueue((formatter(state, exception), scope));
        }
    }
}

public sealed class ObservabilityTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Queue_invocations_log_with_function_name_invocation_id_and_dequeue_count_and_are_measured()
    {
        var queue = AzuriteFixture.UniqueName("q");
        var logs = new ScopeCapturingProvider();
        var measurements = new ConcurrentQueue<(string Instrument, string? Function)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == FunctionsTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        void Record<T>(Instrument instrument, T _, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? __)
        {
            string? function = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "function") { function = tag.Value as string; }
            }

            measurements.Enqueue((instrument.Name, function));
        }

        meters.SetMeasurementEventCallback<long>(Record);
        meters.SetMeasurementEventCallback<double>(Record);
        meters.Start();
        var activities = new ConcurrentQueue<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FunctionsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(activityListener);

        var probe = new QueueProbe { Behaviour = (_, attempt, _) => attempt == 1 ? throw new InvalidOperationException("first attempt fails") : Task.CompletedTask };
        await using (var host = await StandaloneTestHost.StartAsync(azurite.ConnectionString, builder =>
        {
            builder.Configuration.AddInMemoryCollection(FastHostSettings.Queues);
            builder.Logging.AddProvider(logs);
            builder.Services.AddSingleton(probe);
            builder.AddProbeFunctions(queue, typeof(ObservedQueueFunctions));
        }))
        {
            await new QueueSender(new StorageAccount(azurite.ConnectionString)).SendAsync(queue, new TestMessage("o1", "observed"), TestContext.Current.CancellationToken);
            await Eventually.HoldsAsync(() => probe.Completed.Count == 1, "the retry completed");
        }

        var failure = Assert.Single(logs.Entries, e => e.Message.Contains("will be retried", StringComparison.Ordinal));
        Assert.Equal(ObservedQueueFunctions.Name, failure.Scope["FunctionName"]);
        Assert.Equal(1L, Convert.ToInt64(failure.Scope["DequeueCount"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Matches("^[0-9a-f]{32}$", (string)failure.Scope["InvocationId"]!);

        Assert.Equal(2, measurements.Count(m => m.Instrument == "functions.invocations" && m.Function == ObservedQueueFunctions.Name));
        Assert.Equal(1, measurements.Count(m => m.Instrument == "functions.failures" && m.Function == ObservedQueueFunctions.Name));
        Assert.Equal(2, measurements.Count(m => m.Instrument == "functions.duration" && m.Function == ObservedQueueFunctions.Name));
        Assert.Equal(2, activities.Count(a => a.OperationName == $"queue {ObservedQueueFunctions.Name}" && (string?)a.GetTagItem("Queue") == queue));
    }
}

/// <summary>Used by this test only, so the process-wide metrics it counts are its own.</summary>
public sealed class ObservedQueueFunctions(QueueProbe probe)
{
    public const string Name = "ObservedQueue";

    [Microsoft.Azure.Functions.Worker.Function(Name)]
    public Task ObservedQueue([Microsoft.Azure.Functions.Worker.QueueTrigger("%Test:Queue%")] TestMessage message, CancellationToken cancellationToken) =>
        probe.RunAsync(message, cancellationToken);
}
