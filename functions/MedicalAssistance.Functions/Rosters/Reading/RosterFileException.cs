namespace MedicalAssistance.Functions.Rosters.Reading;

/// <summary>Stable codes of errors that reject a whole roster file.</summary>
public static class RosterFileErrorCodes
{
    public const string MissingColumns = "MISSING_COLUMNS";
    public const string DuplicateColumn = "DUPLICATE_COLUMN";
    public const string UnknownFormat = "UNKNOWN_FORMAT";
    public const string FileTooLarge = "FILE_TOO_LARGE";
    public const string EmptyFile = "EMPTY_FILE";
    public const string UnreadableFile = "UNREADABLE_FILE";
    public const string UnknownDepartment = "UNKNOWN_DEPARTMENT";
    public const string FileChanged = "FILE_CHANGED";
    /// <summary>Not the file's fault as far as anyone knows: the host gave up after repeated failures.</summary>
    public const string ProcessingFailed = "PROCESSING_FAILED";
}

/// <summary>The whole file is rejected (nothing applied from it). <see cref="Exception.Message"/> is Chinese and names no personal data.</summary>
public sealed class RosterFileException(string code, string message, IReadOnlyList<string>? fields = null, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;

    /// <summary>Canonical names of the columns concerned (e.g. the missing ones).</summary>
    public IReadOnlyList<string> Fields { get; } = fields ?? [];
}
