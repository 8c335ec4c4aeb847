namespace MedicalAssistance.Functions.Rosters.Chunks;

/// <summary>
/// Where a chunk's rows of one split flush are: a byte range of the flush's staging blob
/// (<c>roster-chunks/{batchId}/{Flush}.rows</c>) holding the rows encrypted as one AES-GCM text (they hold ID numbers).
/// </summary>
public sealed record RosterChunkSegment(int Flush, long Offset, int Length, int Rows);
