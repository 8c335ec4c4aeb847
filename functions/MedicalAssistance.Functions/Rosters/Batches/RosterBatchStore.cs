using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Azure;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Rosters.Batches;

/// <summary>Batch records and their row entries in table storage.</summary>
/// <remarks>Table names are parameters so tests can isolate themselves; the host uses the defaults.</remarks>
public sealed class RosterBatchStore(StorageAccount storage, string batchesTable = RosterBatchStore.BatchesTable, string entriesTable = RosterBatchStore.EntriesTable)
{
    public const string BatchesTable = "rosterbatches";
    public const string EntriesTable = "rosterrowerrors";

    private TableClient Batches { get; } = storage.Table(batchesTable);
    private TableClient Entries { get; } = storage.Table(entriesTable);

    public async Task<RosterBatchRecord?> GetAsync(string department, string batchId, CancellationToken cancellationToken)
    {
        var response = await Batches.GetEntityIfExistsAsync<RosterBatchRecord>(department, batchId, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Creates the record; false if it exists already (another upload or worker got there first).</summary>
    public async Task<bool> TryAddAsync(RosterBatchRecord record, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Batches.AddEntityAsync(record, cancellationToken);
            record.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Saves the record if nobody changed it since it was read. A conflict means another worker processes the same batch
    /// (a duplicate message): <see cref="RosterBatchConflictException"/> lets this one give up and the message be retried.
    /// </summary>
    public async Task SaveAsync(RosterBatchRecord record, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Batches.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace, cancellationToken);
            record.ETag = response.Headers.ETag ?? default;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            throw new RosterBatchConflictException(record.Department, record.BatchId);
        }
    }

    /// <summary>Upserts entries in entity-group transactions of at most 100 (all share the batch's partition).</summary>
    public async Task WriteEntriesAsync(IReadOnlyList<RosterRowEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var group in entries.Chunk(100))
        {
            await Entries.SubmitTransactionAsync(group.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
        }
    }

    /// <summary>A batch's entries in row order, paged from storage (never all in memory).</summary>
    /// <param name="kind"><see cref="RosterRowEntry.ErrorKind"/>, <see cref="RosterRowEntry.NoteKind"/>, or null for both.</param>
    public async IAsyncEnumerable<RosterRowEntry> ReadEntriesAsync(string batchId, string? kind, int? take, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var count = 0;
        var filter = kind is null
            ? TableClient.CreateQueryFilter<RosterRowEntry>(e => e.PartitionKey == batchId)
            : TableClient.CreateQueryFilter<RosterRowEntry>(e => e.PartitionKey == batchId && e.Kind == kind);
        await foreach (var entry in Entries.QueryAsync<RosterRowEntry>(filter, maxPerPage: take is { } t ? Math.Min(t, 1000) : 1000, cancellationToken: cancellationToken))
        {
            if (take is { } limit && count >= limit)
            {
                yield break;
            }

            count++;
            yield return entry;
        }
    }
}

public sealed class RosterBatchConflictException(string department, string batchId)
    : Exception($"Roster batch {department}/{batchId} was changed by another worker; this attempt stops and the message is retried.");
