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
    /// <summary>A CSV row holds bytes that are not valid in the file's encoding (UTF-8 or GB18030); the row is named.</summary>
    public const string InvalidEncoding = "INVALID_ENCODING";
    /// <summary>The file is text in an encoding we do not read (Big5, traditional Chinese).</summary>
    public const string UnsupportedEncoding = "UNSUPPORTED_ENCODING";
    /// <summary>A CSV row's quotes do not pair up (a quoted field never closed, or text after a closing quote); the row is named.</summary>
    public const string MalformedCsv = "MALFORMED_CSV";
    /// <summary>A CSV row longer than <see cref="RosterFileLimits.MaxCsvRecordChars"/> (usually an unclosed quote).</summary>
    public const string RowTooLong = "ROW_TOO_LONG";
    /// <summary>The file has a header but no data row (or a JSON push is an empty array).</summary>
    public const string NoDataRows = "NO_DATA_ROWS";
    /// <summary>A JSON row repeats a key (<c>"name"</c> twice): which value was meant cannot be known.</summary>
    public const string DuplicateKey = "DUPLICATE_KEY";
    /// <summary>An XLSX part expands beyond <see cref="RosterFileLimits"/> or compresses suspiciously well (a ZIP bomb).</summary>
    public const string XlsxTooLarge = "XLSX_TOO_LARGE";
    /// <summary>An XLSX cell or shared string is longer than Excel itself allows (32,767 characters).</summary>
    public const string XlsxCellTooLong = "XLSX_CELL_TOO_LONG";
    /// <summary>An XLSX's shared-string table holds more strings or characters than <see cref="RosterFileLimits"/> allow.</summary>
    public const string XlsxTooManyStrings = "XLSX_TOO_MANY_STRINGS";
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
