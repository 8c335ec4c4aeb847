using Azure;
using Azure.Data.Tables;

namespace MedicalAssistance.Functions.Rosters.Batches;

/// <summary>
/// One roster batch (table <c>rosterbatches</c>, PartitionKey = department, RowKey = batch id): its status, counts and the
/// checkpoint that lets an interrupted ingest resume where it stopped. Holds no personal data.
/// </summary>
public sealed class RosterBatchRecord : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Department => PartitionKey;
    public string BatchId => RowKey;

    public string Status { get; set; } = string.Empty;
    public string BlobName { get; set; } = string.Empty;
    /// <summary>The version of the file this batch reads; set when processing starts.</summary>
    public string? BlobETag { get; set; }
    public string SubmittedBy { get; set; } = string.Empty;
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Format { get; set; }

    public int Rows { get; set; }
    public int Applied { get; set; }
    public int Unchanged { get; set; }
    public int Rejected { get; set; }
    public int ErrorEntries { get; set; }
    public int NoteEntries { get; set; }

    /// <summary>The last file row read by the split (every row up to it is validated and routed to a chunk).</summary>
    public int LastRow { get; set; }

    /// <summary>The split is complete: its rejected rows are reported and its chunks recorded (table <c>rosterchunks</c>).</summary>
    public bool Split { get; set; }

    /// <summary>Chunks of the split (their rows are applied by the <c>roster-chunks</c> queue, side by side).</summary>
    public int Chunks { get; set; }

    /// <summary>Rows rejected by row validation in the split, and their entries (chunks add the ledger's).</summary>
    public int ValidationRejected { get; set; }
    public int ValidationErrorEntries { get; set; }

    public bool? Late { get; set; }
    /// <summary>yyyy-MM-dd.</summary>
    public string? Deadline { get; set; }
    public string? DeadlineRule { get; set; }

    public string? FailureCode { get; set; }
    public string? FailureReason { get; set; }
    public string? ReportBlob { get; set; }
}

/// <summary>A row error or a ledger note of a batch (table <c>rosterrowerrors</c>, PartitionKey = batch id, RowKey = row + index).</summary>
public sealed class RosterRowEntry : ITableEntity
{
    public const string ErrorKind = "error";
    public const string NoteKind = "note";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Row { get; set; }
    public string Kind { get; set; } = ErrorKind;
    public string Field { get; set; } = string.Empty;
    public string Code { get; set; } = string.Empty;
    public string Message { get; set; } = string.Empty;

    /// <summary>Sorts by row, then by the entry's position in that row; rewriting the same entry replaces it (idempotent).</summary>
    public static string Key(int row, int index) => $"{row:D9}-{index:D3}";

    public static RosterRowEntry For(string batchId, string kind, RowError error, int index) => new()
    {
        PartitionKey = batchId,
        RowKey = Key(error.Row, index),
        Row = error.Row,
        Kind = kind,
        Field = error.Field,
        Code = error.Code,
        Message = error.Message,
    };
}
