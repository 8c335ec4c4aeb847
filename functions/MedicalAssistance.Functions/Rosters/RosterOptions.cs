using MedicalAssistance.Functions.Rosters.Reading;

namespace MedicalAssistance.Functions.Rosters;

/// <summary>Roster intake settings (configuration section <c>Rosters</c>).</summary>
public sealed class RosterOptions
{
    public const string Section = "Rosters";

    /// <summary>Files above this size are rejected whole (default 50 MB).</summary>
    public long MaxFileBytes { get; set; } = RosterFileReader.DefaultMaxBytes;

    /// <summary>Rows validated and applied together, then checkpointed: memory stays flat and a restart resumes from here.</summary>
    public int ChunkSize { get; set; } = 1000;

    /// <summary>Container of incoming files (<c>{department}/{yyyyMM}/{file}</c>). Tests use their own.</summary>
    public string Container { get; set; } = RosterFiles.Container;

    /// <summary>Container of batch reports (<c>{department}/{batchId}.csv</c>).</summary>
    public string ReportsContainer { get; set; } = RosterFiles.ReportsContainer;

    /// <summary>Queue of blob-created events for <see cref="Container"/>.</summary>
    public string Queue { get; set; } = RosterFiles.Queue;

    /// <summary>
    /// A file is split into about one chunk per this many bytes (a power of two from 1 to 256 chunks), each chunk a group of
    /// person buckets applied by its own message: ~2,000 rows of CSV per chunk.
    /// </summary>
    public long ChunkBytes { get; set; } = 256 * 1024;

    /// <summary>The split stages its good rows every this many rows (memory stays flat, whatever the file's size).</summary>
    public int SplitBufferRows { get; set; } = 20_000;

    /// <summary>Queue of <c>RosterChunkMessage</c>s: the chunks of split batches.</summary>
    public string ChunkQueue { get; set; } = "roster-chunks";

    /// <summary>Container of the split's staged rows (encrypted; deleted when the batch ends).</summary>
    public string StagingContainer { get; set; } = "roster-chunks";

    /// <summary>Row errors shown inline in the batch report; the report CSV has all of them.</summary>
    public int InlineErrorLimit { get; set; } = 100;
}
