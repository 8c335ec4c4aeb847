using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MedicalAssistance.Functions.Rosters.Batches;

namespace MedicalAssistance.Functions.Rosters.Chunks;

/// <summary>
/// The report's entries as the split and the chunks produce them, staged beside the batch's rows
/// (<c>{batchId}/report/{source}/{firstRow}.json</c>, one blob per write that has entries), so that the completing chunk writes
/// the report by merging a few blobs instead of reading every entry back from the table. On Azurite a table query scans the
/// whole table for each page of 1,000, so reading 100,000 notes back took half a minute of the roster benchmark; on Azure it
/// is a hundred sequential pages. The table keeps the same entries for the batch's API.
/// </summary>
/// <remarks>
/// Each source (the split, or one chunk) writes its entries in row order, and a rewritten part (a retry after a crash) has the
/// same keys as the first try: the merge skips, per source, any entry whose key is not above the last one it took, so a part
/// written twice under different names is still read once.
/// </remarks>
public sealed class RosterReportSegments(BlobContainerClient staging)
{
    public const string SplitSource = "split";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string ChunkSource(int chunk) => $"chunk-{chunk:D3}";

    /// <summary>Stages one write's entries (nothing when there are none); the same entries again overwrite the same blob.</summary>
    public async Task WriteAsync(string batchId, string source, IReadOnlyList<RosterRowEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var lines = new StringBuilder();
        foreach (var entry in entries)
        {
            lines.Append(JsonSerializer.Serialize(new StagedEntry(entry.RowKey, entry.Row, entry.Kind, entry.Field, entry.Code, entry.Message), Json)).Append('\n');
        }

        await staging.GetBlobClient($"{Prefix(batchId)}{source}/{entries[0].Row:D9}.json")
            .UploadAsync(BinaryData.FromString(lines.ToString()), overwrite: true, cancellationToken);
    }

    /// <summary>Every staged entry of the batch once, in row order (the table's key order), holding one blob per source at a time.</summary>
    public async IAsyncEnumerable<RosterRowEntry> ReadMergedAsync(string batchId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var blobsBySource = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var prefix = Prefix(batchId);
        await foreach (var blob in staging.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            var source = blob.Name[prefix.Length..blob.Name.LastIndexOf('/')];
            (blobsBySource.TryGetValue(source, out var list) ? list : blobsBySource[source] = []).Add(blob.Name);
        }

        var sources = blobsBySource.Values.Select(names => new SourceReader(staging, [.. names.Order(StringComparer.Ordinal)])).ToList();
        var heads = new PriorityQueue<SourceReader, string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (await source.MoveNextAsync(cancellationToken))
            {
                heads.Enqueue(source, source.Current.RowKey);
            }
        }

        while (heads.TryDequeue(out var source, out _))
        {
            var entry = source.Current;
            yield return new RosterRowEntry
            {
                PartitionKey = batchId, RowKey = entry.RowKey, Row = entry.Row, Kind = entry.Kind, Field = entry.Field, Code = entry.Code, Message = entry.Message,
            };
            if (await source.MoveNextAsync(cancellationToken))
            {
                heads.Enqueue(source, source.Current.RowKey);
            }
        }
    }

    private static string Prefix(string batchId) => $"{batchId}/report/";

    private sealed record StagedEntry(string RowKey, int Row, string Kind, string Field, string Code, string Message);

    /// <summary>One source's entries in key order: its blobs one after another, keys that do not advance skipped.</summary>
    private sealed class SourceReader(BlobContainerClient staging, List<string> blobs)
    {
        private int _blob = -1;
        private string[] _lines = [];
        private int _line;
        private string? _lastKey;

        public StagedEntry Current { get; private set; } = null!;

        public async Task<bool> MoveNextAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                while (_line < _lines.Length)
                {
                    var text = _lines[_line++];
                    if (text.Length == 0)
                    {
                        continue;
                    }

                    var entry = JsonSerializer.Deserialize<StagedEntry>(text, Json)!;
                    if (_lastKey is null || string.CompareOrdinal(entry.RowKey, _lastKey) > 0)
                    {
                        _lastKey = entry.RowKey;
                        Current = entry;
                        return true;
                    }
                }

                if (++_blob >= blobs.Count)
                {
                    return false;
                }

                var content = await staging.GetBlobClient(blobs[_blob]).DownloadContentAsync(cancellationToken);
                _lines = content.Value.Content.ToString().Split('\n');
                _line = 0;
            }
        }
    }
}
