using System.Text.Json;
using Azure;

namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// The attempt a run carries out: its period, and progress reports that also serve as the heartbeat (every write is
/// conditional on the attempt's ETag: one taken over throws <see cref="RunTakenOverException"/> at its next report), and the
/// run's checkpoint: what an earlier attempt saved (<see cref="ResumeFrom{T}"/>) and saving the next (<see cref="CheckpointAsync{T}"/>).
/// </summary>
public sealed class RunContext(RunStore store, RunState state, ETag etag, TimeProvider time)
{
    private RunState _state = state;
    private ETag _etag = etag;

    public string Name => _state.Name;
    public RunPeriod Period { get; } = RunPeriod.Parse(state.Period);
    public RunState State => _state;
    public DateTimeOffset StartedAt => _state.StartedAt ?? time.GetUtcNow();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The checkpoint an earlier attempt of this run and period saved, or default when it starts from the beginning.</summary>
    public T? ResumeFrom<T>() => _state.ResumeData is { } json ? JsonSerializer.Deserialize<T>(json, Json) : default;

    /// <summary>
    /// Progress and a checkpoint, written together under the attempt's ETag: once this returns, an attempt taken over resumes
    /// from <paramref name="resume"/>. Save only what the outputs and other tables already hold (a checkpoint is a promise).
    /// </summary>
    public async Task CheckpointAsync<T>(int done, int total, string? checkpoint, T resume, CancellationToken cancellationToken)
    {
        var next = _state with { Done = done, Total = total, Checkpoint = checkpoint, HeartbeatAt = time.GetUtcNow(), ResumeData = JsonSerializer.Serialize(resume, Json) };
        _etag = await store.UpdateAsync(next, _etag, cancellationToken);
        _state = next;
    }

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
