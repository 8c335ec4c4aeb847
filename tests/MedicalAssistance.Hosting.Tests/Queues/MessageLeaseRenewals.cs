using System.Diagnostics.Metrics;
using MedicalAssistance.Hosting.Telemetry;

namespace MedicalAssistance.Hosting.Tests.Queues;

/// <summary>Counts the lease renewals (the <c>functions.queue.renewals</c> metric) of one queue, from every host in this process.</summary>
internal sealed class MessageLeaseRenewals : IDisposable
{
    private readonly MeterListener _listener = new();
    private int _count;

    public MessageLeaseRenewals(string queue)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == FunctionsTelemetry.Name && instrument.Name == "functions.queue.renewals")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "queue" && tag.Value as string == queue)
                {
                    Interlocked.Add(ref _count, (int)value);
                }
            }
        });
        _listener.Start();
    }

    public int Count => Volatile.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
