using Azure;
using Azure.Data.Tables;

namespace MedicalAssistance.Functions.Rosters.Chunks;

/// <summary>
/// One chunk of a roster batch (table <c>rosterchunks</c>, PartitionKey = batch id, RowKey = chunk number): where its rows are,
/// how far it got (checkpoint), and its counts. Written by the split, then only by the chunk's own worker. No personal data.
/// </summary>
public sealed class RosterChunkRecord : ITableEntity
{
    public const string PendingStatus = "pending";
    public const string DoneStatus = "done";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string BatchId => PartitionKey;
    public int Chunk => int.Parse(RowKey, System.Globalization.CultureInfo.InvariantCulture);

    public string Status { get; set; } = PendingStatus;

    /// <summary>JSON array of <see cref="RosterChunkSegment"/>, in file order.</summary>
    public string Segments { get; set; } = "[]";

    /// <summary>Rows of the chunk (validated rows only: rejected rows were reported by the split).</summary>
    public int Rows { get; set; }

    /// <summary>Checkpoint: the file row up to which this chunk's rows are applied and reported.</summary>
    public int LastRow { get; set; }

    public int Done { get; set; }
    public int Applied { get; set; }
    public int Unchanged { get; set; }
    public int Rejected { get; set; }
    public int ErrorEntries { get; set; }
    public int NoteEntries { get; set; }

    /// <summary>Since when this chunk's attempts fail because storage is out of reach (null once a part is applied again).</summary>
    public DateTimeOffset? StalledAt { get; set; }

    /// <summary>What storage answered, for the batch's report (<see cref="MedicalAssistance.Hosting.Storage.StorageUnavailable.Describe"/>).</summary>
    public string? StalledReason { get; set; }

    public static string Key(int chunk) => chunk.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
}
