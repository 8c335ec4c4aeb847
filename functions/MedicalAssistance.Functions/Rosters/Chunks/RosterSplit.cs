using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters.Batches;
using MedicalAssistance.Functions.Rosters.Reading;
using MedicalAssistance.Functions.Rosters.Validation;

namespace MedicalAssistance.Functions.Rosters.Chunks;

/// <summary>
/// The first stage of a roster batch: reads the file once as a stream, validates every row (rejected rows are reported at
/// once), and routes the good rows into chunks by person bucket, so that every row of a person lands in one chunk, in file
/// order. Rows are staged encrypted in one blob per flush (a flush every <see cref="RosterOptions.SplitBufferRows"/> rows
/// keeps memory flat); each chunk knows its byte range in every flush. Deterministic: a split interrupted and run again
/// writes the same blobs, entries and chunk records.
/// </summary>
public sealed class RosterSplit(BlobContainerClient staging, RosterBatchStore batches, PersonKeys keys, IdProtector protector, RosterOptions options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How many chunks a file of <paramref name="bytes"/> is split into: a power of two from 1 to 256 (buckets).</summary>
    public static int ChunkCountFor(long bytes, long chunkBytes)
    {
        var wanted = Math.Clamp((bytes + chunkBytes - 1) / Math.Max(1, chunkBytes), 1, PersonKeys.BucketCount);
        var count = 1;
        while (count < wanted)
        {
            count *= 2;
        }

        return count;
    }

    /// <summary>The chunk of a person: the low bits of its bucket (the person key's first byte).</summary>
    public static int ChunkOf(string personKey, int chunkCount) => Convert.ToInt32(PersonKeys.BucketOf(personKey), 16) % chunkCount;

    public async Task<RosterSplitResult> SplitAsync(RosterBatchRecord batch, IRosterRowSource rows, RosterRowChecker checker, int chunkCount, CancellationToken cancellationToken)
    {
        var buffers = Enumerable.Range(0, chunkCount).Select(_ => new List<RosterRow>()).ToArray();
        var segments = Enumerable.Range(0, chunkCount).Select(_ => new List<RosterChunkSegment>()).ToArray();
        var errors = new List<RowError>();
        var result = new RosterSplitResult();
        var buffered = 0;
        var flush = 0;
        while (await rows.NextAsync(cancellationToken) is { } raw)
        {
            result.Rows++;
            result.LastRow = raw.Row;
            if (checker.Check(raw, errors) is not { } row)
            {
                result.Rejected++;
                continue;
            }

            // A row whose ID the ledger cannot parse is rejected there; it goes to chunk 0.
            var chunk = IdNumber.TryParse(row.IdNumber, out var id) ? ChunkOf(keys.KeyOf(id), chunkCount) : 0;
            buffers[chunk].Add(row);
            if (++buffered >= options.SplitBufferRows)
            {
                await FlushAsync(batch.BatchId, flush++, buffers, segments, cancellationToken);
                result.ErrorEntries += await WriteErrorsAsync(batch.BatchId, errors, cancellationToken);
                buffered = 0;
            }
        }

        if (buffered > 0)
        {
            await FlushAsync(batch.BatchId, flush, buffers, segments, cancellationToken);
        }

        result.ErrorEntries += await WriteErrorsAsync(batch.BatchId, errors, cancellationToken);
        result.Chunks = [.. segments.Select((list, chunk) => new RosterChunkRecord
        {
            PartitionKey = batch.BatchId,
            RowKey = RosterChunkRecord.Key(chunk),
            Segments = RosterChunkStore.Serialize(list),
            Rows = list.Sum(s => s.Rows),
        }).Where(c => c.Rows > 0)];
        return result;
    }

    /// <summary>Writes one staging blob: each chunk's rows of this flush as one encrypted text, one after the other.</summary>
    private async Task FlushAsync(string batchId, int flush, List<RosterRow>[] buffers, List<RosterChunkSegment>[] segments, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        for (var chunk = 0; chunk < buffers.Length; chunk++)
        {
            if (buffers[chunk].Count == 0)
            {
                continue;
            }

            var sealedRows = Encoding.UTF8.GetBytes(protector.Protect(JsonSerializer.Serialize(buffers[chunk], Json)));
            segments[chunk].Add(new RosterChunkSegment(flush, content.Position, sealedRows.Length, buffers[chunk].Count));
            content.Write(sealedRows);
            buffers[chunk].Clear();
        }

        content.Position = 0;
        await staging.GetBlobClient(StagingBlobName(batchId, flush)).UploadAsync(content, overwrite: true, cancellationToken);
    }

    private async Task<int> WriteErrorsAsync(string batchId, List<RowError> errors, CancellationToken cancellationToken)
    {
        var entries = new List<RosterRowEntry>(errors.Count);
        foreach (var group in errors.GroupBy(e => e.Row))
        {
            entries.AddRange(group.Select((e, i) => RosterRowEntry.For(batchId, RosterRowEntry.ErrorKind, e, i)));
        }

        await batches.WriteEntriesAsync(entries, cancellationToken);
        await new RosterReportSegments(staging).WriteAsync(batchId, RosterReportSegments.SplitSource, entries, cancellationToken);
        errors.Clear();
        return entries.Count;
    }

    public static string StagingBlobName(string batchId, int flush) => $"{batchId}/{flush:D5}.rows";

    /// <summary>A chunk's rows of one flush, decrypted.</summary>
    public static async Task<List<RosterRow>> ReadSegmentAsync(BlobContainerClient staging, IdProtector protector, string batchId, RosterChunkSegment segment, CancellationToken cancellationToken)
    {
        var download = await staging.GetBlobClient(StagingBlobName(batchId, segment.Flush))
            .DownloadContentAsync(new Azure.Storage.Blobs.Models.BlobDownloadOptions { Range = new Azure.HttpRange(segment.Offset, segment.Length) }, cancellationToken);
        var json = protector.Unprotect(Encoding.UTF8.GetString(download.Value.Content.ToMemory().Span));
        return JsonSerializer.Deserialize<List<RosterRow>>(json, Json) ?? [];
    }
}
