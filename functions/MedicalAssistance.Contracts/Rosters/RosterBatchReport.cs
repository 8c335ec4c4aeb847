namespace MedicalAssistance.Contracts.Rosters;

/// <summary>Status of a roster batch: <c>queued</c>, <c>processing</c>, <c>done</c> or <c>failed</c>.</summary>
public static class RosterBatchStatus
{
    public const string Queued = "queued";
    public const string Processing = "processing";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>How many data rows a batch had and what became of them. <c>Rows = Applied + Unchanged + Rejected</c> once done.</summary>
public sealed record RosterBatchCounts(int Rows, int Applied, int Unchanged, int Rejected);

/// <summary>A rejected row (or, with <c>Row = 0</c> and <c>Field = "$file"</c>, the whole file). <c>Message</c> is Chinese.</summary>
public sealed record RosterRowErrorDto(int Row, string Field, string Code, string Message);

/// <summary>A remark on an applied row from the identity ledger (e.g. a late enrolment). <c>Message</c> is Chinese.</summary>
public sealed record RosterRowNoteDto(int Row, string Message);

/// <summary>Whether the push met the department's deadline. Late pushes are accepted and flagged.</summary>
public sealed record RosterDeadlineDto(bool Late, DateOnly? Deadline, string? Rule);

/// <summary>
/// <c>GET /api/departments/{department}/rosters/{batchId}</c>. <see cref="Errors"/> holds at most the first
/// <see cref="ErrorsShown"/> errors; <see cref="ReportUrl"/> downloads all of them as CSV (UTF-8 with BOM, opens in Excel).
/// </summary>
public sealed record RosterBatchReport(
    string BatchId,
    string Department,
    string Status,
    RosterBatchCounts Counts,
    IReadOnlyList<RosterRowErrorDto> Errors,
    int ErrorsShown,
    int ErrorsTotal,
    IReadOnlyList<RosterRowNoteDto> Notes,
    RosterDeadlineDto? Deadline,
    string? FailureCode,
    string? FailureReason,
    string? ReportUrl,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? FinishedAt,
    RosterStallDto? Stalled = null);

/// <summary>
/// A processing batch that waits for storage: since when its first chunk could not reach it, how many chunks wait, and what
/// storage answered last. The queue retries on its own; absent once storage answers again. <c>Message</c> is Chinese.
/// </summary>
public sealed record RosterStallDto(DateTimeOffset Since, int Chunks, string Reason, string Message);
