using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Diagnostics;

namespace MedicalAssistance.Hosting.Telemetry;

/// <summary>
/// Traces and metrics of the trigger layer, exported by OpenTelemetry (console locally when <c>Hosting:Telemetry:Console</c> is true).
/// Every invocation carries the tags <c>function</c> and <c>trigger</c> (http, queue, timer, blob-scan).
/// </summary>
public static class FunctionsTelemetry
{
    public const string Name = "MedicalAssistance.Functions";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Invocations = Meter.CreateCounter<long>("functions.invocations", description: "Function invocations started");
    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("functions.failures", description: "Function invocations that threw or timed out");
    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("functions.duration", unit: "ms", description: "Function invocation duration");
    public static readonly Counter<long> PoisonMessages = Meter.CreateCounter<long>("functions.queue.poison", description: "Messages moved to a poison queue");
    public static readonly Counter<long> MessageLeaseRenewals = Meter.CreateCounter<long>("functions.queue.renewals", description: "Invisibility extensions of messages whose handler is still running");

    public static readonly Counter<long> TimerChecks = Meter.CreateCounter<long>("functions.timer.checks", description: "Timer wake-ups, tagged with their outcome (ran, failed, not-due, busy, initialized)");

    private static readonly ConcurrentDictionary<string, long> QueueLengths = new(StringComparer.Ordinal);

    static FunctionsTelemetry()
    {
        Meter.CreateObservableGauge("functions.queue.length", () =>
            QueueLengths.Select(q => new Measurement<long>(q.Value, new KeyValuePair<string, object?>("queue", q.Key))),
            description: "Approximate number of messages in each listened queue (sampled by the listener)");
    }

    internal static void RecordQueueLength(string queue, long length) => QueueLengths[queue] = length;
}

/// <summary>
/// One function invocation: a logging scope (function name, invocation id, and whatever the trigger adds such as the dequeue count),
/// an activity, and the invocation/failure/duration metrics. Dispose after <see cref="Succeeded"/> or <see cref="Failed"/>.
/// </summary>
internal sealed class FunctionInvocation : IDisposable
{
    private readonly ILogger _logger;
    private readonly IDisposable? _scope;
    private readonly Activity? _activity;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TagList _tags;

    private FunctionInvocation(ILogger logger, string trigger, string functionName, IEnumerable<KeyValuePair<string, object?>> details)
    {
        _logger = logger;
        InvocationId = Guid.NewGuid().ToString("N");
        FunctionName = functionName;
        _scope = logger.BeginScope(new InvocationScope([new("FunctionName", functionName), new("InvocationId", InvocationId), .. details]));
        _tags = new TagList { { "function", functionName }, { "trigger", trigger } };
        _activity = FunctionsTelemetry.Source.StartActivity($"{trigger} {functionName}", trigger == "queue" ? ActivityKind.Consumer : ActivityKind.Internal);
        _activity?.SetTag("faas.trigger", trigger);
        _activity?.SetTag("faas.name", functionName);
        _activity?.SetTag("faas.invocation_id", InvocationId);
        foreach (var (key, value) in details)
        {
            _activity?.SetTag(key, value);
        }

        FunctionsTelemetry.Invocations.Add(1, _tags);
    }

    public string InvocationId { get; }
    public string FunctionName { get; }

    public static FunctionInvocation Start(ILogger logger, string trigger, string functionName, params KeyValuePair<string, object?>[] details) =>
        new(logger, trigger, functionName, details);

    public void Succeeded()
    {
        _activity?.SetStatus(ActivityStatusCode.Ok);
        FunctionsTelemetry.Duration.Record(Stopwatch.GetElapsedTime(_started).TotalMilliseconds, _tags);
    }

    public void Failed(Exception exception)
    {
        _activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        _activity?.AddException(exception);
        FunctionsTelemetry.Failures.Add(1, _tags);
        FunctionsTelemetry.Duration.Record(Stopwatch.GetElapsedTime(_started).TotalMilliseconds, _tags);
    }

    public void Dispose()
    {
        _activity?.Dispose();
        _scope?.Dispose();
    }
}

/// <summary>
/// A logging scope that structured sinks read as key/value pairs and text sinks print as <c>FunctionName=… InvocationId=…</c>
/// (a plain dictionary would print as its type name).
/// </summary>
internal sealed class InvocationScope(KeyValuePair<string, object?>[] values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => values.Length;

    public KeyValuePair<string, object?> this[int index] => values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)values).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        string.Join(' ', values.Where(v => v.Value is not null).Select(v => v.Value is DateTimeOffset at
            ? $"{v.Key}={at.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{v.Key}={v.Value}")));
}
