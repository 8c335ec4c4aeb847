using System.Security.Cryptography;
using System.Text;

namespace MedicalAssistance.Functions.Rosters;

/// <summary>Where roster files and reports live, and how a file is tied to its batch.</summary>
public static class RosterFiles
{
    /// <summary>Incoming files: <c>rosters/{department}/{yyyyMM}/{file}</c>.</summary>
    public const string Container = "rosters";

    /// <summary>Per-batch reports: <c>roster-reports/{department}/{batchId}.csv</c>.</summary>
    public const string ReportsContainer = "roster-reports";

    /// <summary>Queue fed by blob arrivals in <see cref="Container"/>.</summary>
    public const string Queue = "roster-files";

    /// <summary>Blob metadata the HTTP push sets so that its upload becomes exactly the batch it announced.</summary>
    public const string BatchIdMetadata = "batchid";
    public const string SubmittedByMetadata = "submittedby";

    /// <summary>The department a file was dropped for: the first segment of its blob name; null if there is none.</summary>
    public static string? DepartmentOf(string blobName)
    {
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? blobName[..slash] : null;
    }

    /// <summary>
    /// The batch of a dropped file version: the same file version (blob name + ETag) is always the same batch, so a message
    /// delivered twice or a restart after a crash continues that batch; a file dropped again (new ETag) is a new batch.
    /// </summary>
    public static string BatchIdFor(string blobName, string eTag)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(blobName + "\n" + eTag.Trim('"')));
        return "f" + Convert.ToHexStringLower(hash.AsSpan(0, 15));
    }

    /// <summary>A new batch id for an HTTP push: time-ordered and unique.</summary>
    public static string NewBatchId() => "p" + Guid.CreateVersion7().ToString("N")[..30];

    public static string ReportBlobName(string department, string batchId) => $"{department}/{batchId}.csv";

    /// <summary>Batch ids as generated above: a letter then 30 lower-case hex digits.</summary>
    public static bool IsBatchId(string text) =>
        text.Length == 31 && text[0] is 'f' or 'p' && !text.AsSpan(1).ContainsAnyExcept(LowerHex);

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");
}
