using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Queues;

namespace MedicalAssistance.Functions.Rosters.Chunks;

/// <summary>Chunk records of split roster batches (table <c>rosterchunks</c>).</summary>
public sealed class RosterChunkStore(StorageAccount storage, string table = RosterChunkStore.Table)
{
    public const string Table = "rosterchunks";

    private TableClient Chunks { get; } = storage.Table(table);

    /// <summary>Writes the split's chunk records (a re-run of the split writes the same ones again).</summary>
    public async Task WriteAsync(IReadOnlyList<RosterChunkRecord> records, CancellationToken cancellationToken)
    {
        foreach (var group in records.Chunk(100))
        {
            await Chunks.SubmitTransactionAsync(group.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
        }
    }

    public async Task<RosterChunkRecord?> GetAsync(string batchId, int chunk, CancellationToken cancellationToken)
    {
        var response = await Chunks.GetEntityIfExistsAsync<RosterChunkRecord>(batchId, RosterChunkRecord.Key(chunk), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    public async Task<List<RosterChunkRecord>> ListAsync(string batchId, CancellationToken cancellationToken)
    {
        var records = new List<RosterChunkRecord>();
        await foreach (var record in Chunks.QueryAsync<RosterChunkRecord>(r => r.PartitionKey == batchId, cancellationToken: cancellationToken))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Saves the checkpoint if nobody changed the chunk since it was read (else another worker has it: retry later).</summary>
    public async Task SaveAsync(RosterChunkRecord record, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Chunks.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace, cancellationToken);
            record.ETag = response.Headers.ETag ?? default;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            throw new Batches.RosterBatchConflictException("chunk " + record.RowKey, record.BatchId);
        }
    }

    public static IReadOnlyList<RosterChunkSegment> SegmentsOf(RosterChunkRecord record) =>
        JsonSerializer.Deserialize<List<RosterChunkSegment>>(record.Segments, Json) ?? [];

    public static string Serialize(IReadOnlyList<RosterChunkSegment> segments) => JsonSerializer.Serialize(segments, Json);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
