namespace MedicalAssistance.Functions.Rosters.Chunks;

/// <summary>
/// One chunk of a split roster batch on the <c>roster-chunks</c> queue: the rows of a group of person buckets. Chunks of one
/// batch are independent (a person's rows are all in one chunk, in file order), so many workers share one file.
/// </summary>
public sealed record RosterChunkMessage(string Department, string BatchId, int Chunk);
