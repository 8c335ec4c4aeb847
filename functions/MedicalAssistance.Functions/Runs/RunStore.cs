using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// Table <c>runs</c>: PartitionKey = run name, RowKey = period (<c>yyyy-MM</c> or <c>yyyy</c>). A period is claimed by an
/// insert (first attempt) or an ETag-conditional replace of a queued, failed or stale running state, so of two hosts claiming
/// together exactly one wins; every later write of the attempt is conditional on the ETag it holds, so an attempt taken
/// over stops at its next write (<see cref="RunTakenOverException"/>). A done period is never claimed again.
/// </summary>
public sealed class RunStore(StorageAccount storage, string tableName)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient _table = storage.Table(tableName);

    public async Task<(RunState State, ETag ETag)?> GetAsync(string name, string period, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(name, period, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? (FromEntity(e), e.ETag) : null;
    }

    /// <summary>Claims <paramref name="period"/> of run <paramref name="name"/> for a new attempt, unless it is done or live elsewhere.</summary>
    public async Task<RunClaim> TryClaimAsync(string name, string period, DateTimeOffset now, TimeSpan staleAfter, CancellationToken cancellationToken)
    {
        var found = await GetAsync(name, period, cancellationToken);
        if (found is { } f)
        {
            if (f.State.Status == RunStatus.Done)
            {
                return new RunClaim(RunClaimOutcome.AlreadyDone, f.State, f.ETag);
            }

            if (f.State.Status == RunStatus.Running && f.State.HeartbeatAt is { } beat && now - beat < staleAfter)
            {
                return new RunClaim(RunClaimOutcome.Busy, f.State, f.ETag);
            }
        }

        // A crashed (stale) or failed attempt's checkpoint goes to the next attempt, which resumes from it.
        var state = new RunState(name, period, RunStatus.Running, 0, 0, now, null, now, (found?.State.Attempt ?? 0) + 1, null,
            new Dictionary<string, RunTotals>(), [], null)
        {
            ResumeData = found?.State.Status is RunStatus.Running or RunStatus.Failed ? found.Value.State.ResumeData : null,
        };
        try
        {
            var response = found is { } previous
                ? await _table.UpdateEntityAsync(ToEntity(state), previous.ETag, TableUpdateMode.Replace, cancellationToken)
                : await _table.AddEntityAsync(ToEntity(state), cancellationToken);
            return new RunClaim(RunClaimOutcome.Claimed, state, response.Headers.ETag ?? default);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another host claimed (or finished) it between the read and the write.
            if (await GetAsync(name, period, cancellationToken) is not { } winner)
            {
                throw;
            }

            return new RunClaim(winner.State.Status == RunStatus.Done ? RunClaimOutcome.AlreadyDone : RunClaimOutcome.Busy, winner.State, winner.ETag);
        }
    }

    /// <summary>Records a requested run as queued unless the period has a state already (an insert: never overwrites a run).</summary>
    public async Task MarkQueuedAsync(string name, string period, CancellationToken cancellationToken)
    {
        var state = new RunState(name, period, RunStatus.Queued, 0, 0, null, null, null, 0, null, new Dictionary<string, RunTotals>(), [], null);
        try
        {
            await _table.AddEntityAsync(ToEntity(state), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Queued, running or done already: the state stays as it is.
        }
    }

    /// <summary>Writes the attempt's next state, conditional on the ETag it last wrote; the new ETag.</summary>
    public async Task<ETag> UpdateAsync(RunState state, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(state), etag, TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag ?? default;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            throw new RunTakenOverException(state.Name, state.Period);
        }
    }

    /// <summary>A checkpoint is split over properties <c>Resume0…</c> of at most this many characters (64 KiB per property).</summary>
    private const int ResumeChunkChars = 30_000;

    /// <summary>At most this many: the entity stays under its 1 MiB limit with the other properties.</summary>
    private const int MaxResumeChunks = 15;

    private static TableEntity ToEntity(RunState s)
    {
        var entity = ToEntityWithoutResume(s);
        var resume = s.ResumeData ?? "";
        var chunks = (resume.Length + ResumeChunkChars - 1) / ResumeChunkChars;
        if (chunks > MaxResumeChunks)
        {
            throw new InvalidOperationException($"The checkpoint of run {s.Name} {s.Period} has grown past {MaxResumeChunks * ResumeChunkChars} characters.");
        }

        entity["ResumeChunks"] = s.ResumeData is null ? null : chunks;
        for (var i = 0; i < chunks; i++)
        {
            entity[FormattableString.Invariant($"Resume{i}")] = resume.Substring(i * ResumeChunkChars, Math.Min(ResumeChunkChars, resume.Length - i * ResumeChunkChars));
        }

        return entity;
    }

    private static string? ResumeOf(TableEntity e) => e.GetInt32("ResumeChunks") is { } chunks
        ? string.Concat(Enumerable.Range(0, chunks).Select(i => e.GetString(FormattableString.Invariant($"Resume{i}"))))
        : null;

    private static TableEntity ToEntityWithoutResume(RunState s) => new(s.Name, s.Period)
    {
        ["Status"] = s.Status,
        ["Done"] = s.Done,
        ["Total"] = s.Total,
        ["StartedAt"] = s.StartedAt,
        ["FinishedAt"] = s.FinishedAt,
        ["HeartbeatAt"] = s.HeartbeatAt,
        ["Attempt"] = s.Attempt,
        ["Checkpoint"] = s.Checkpoint,
        ["Totals"] = JsonSerializer.Serialize(s.Totals, Json),
        ["Outputs"] = JsonSerializer.Serialize(s.Outputs, Json),
        ["Error"] = s.Error,
    };

    private static RunState FromEntity(TableEntity e) => new(
        e.PartitionKey, e.RowKey, e.GetString("Status"), e.GetInt32("Done") ?? 0, e.GetInt32("Total") ?? 0,
        e.GetDateTimeOffset("StartedAt"), e.GetDateTimeOffset("FinishedAt"), e.GetDateTimeOffset("HeartbeatAt"), e.GetInt32("Attempt") ?? 0,
        e.GetString("Checkpoint"),
        JsonSerializer.Deserialize<Dictionary<string, RunTotals>>(e.GetString("Totals") ?? "{}", Json) ?? [],
        JsonSerializer.Deserialize<List<RunOutput>>(e.GetString("Outputs") ?? "[]", Json) ?? [],
        e.GetString("Error"))
    {
        ResumeData = ResumeOf(e),
    };
}
