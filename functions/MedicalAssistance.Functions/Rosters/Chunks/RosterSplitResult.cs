namespace MedicalAssistance.Functions.Rosters.Chunks;

/// <summary>What the split found: the file's rows, those rejected by row validation, and the chunks of the good ones.</summary>
public sealed class RosterSplitResult
{
    public int Rows { get; set; }
    public int LastRow { get; set; }
    public int Rejected { get; set; }
    public int ErrorEntries { get; set; }
    public IReadOnlyList<RosterChunkRecord> Chunks { get; set; } = [];
}
