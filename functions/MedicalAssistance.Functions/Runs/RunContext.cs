using Azure;

namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// The attempt a run carries out: its period, and progress reports that also serve as the heartbeat (every write is
/// conditional on the attempt's ETag: one taken over throws <see cref="RunTakenOverException"/> at its next report).
/// </summary>
public sealed class RunContext(RunStore store, RunState state, ETag etag, TimeProvider time)
{
    private RunState _state = state;
    private ETag _etag = etag;

    public string Name => _state.Name;
    public RunPeriod Period { get; } = RunPeriod.Parse(state.Period);
    public RunState State => _state;
    public DateTimeOffset StartedAt => _state.StartedAt ?? time.GetUtcNow();

    public async Task ReportAsync(int done, int total, string? checkpoint, CancellationToken cancellationToken)
    {
        var next = _state with { Done = done, Total = total, Checkpoint = checkpoint, HeartbeatAt = time.GetUtcNow() };
        _etag = await store.UpdateAsync(next, _etag, cancellationToken);
        _state = next;
    }

    internal async Task FinishAsync(RunState finished, CancellationToken cancellationToken)
    {
        _etag = await store.UpdateAsync(finished, _etag, cancellationToken);
        _state = finished;
    }
}
