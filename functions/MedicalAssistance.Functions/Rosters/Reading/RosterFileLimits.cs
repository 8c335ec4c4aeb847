namespace MedicalAssistance.Functions.Rosters.Reading;

/// <summary>
/// What a roster file may expand to while it is read, so that a small hostile file cannot take the host's memory or time.
/// A city's largest roster (about 1,000,000 rows) stays well inside every bound.
/// </summary>
public static class RosterFileLimits
{
    /// <summary>One CSV record in characters (1,048,576): a real row is under 300; beyond this is an unclosed quote.</summary>
    public const int MaxCsvRecordChars = 1024 * 1024;

    /// <summary>
    /// One XLSX part (a worksheet, the shared strings) uncompressed: 1 GiB. A 1,000,000-row sheet of ten columns is about
    /// 400 MB of XML.
    /// </summary>
    public const long MaxXlsxPartBytes = 1024L * 1024 * 1024;

    /// <summary>All parts of an XLSX together, uncompressed: 2 GiB.</summary>
    public const long MaxXlsxTotalBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Uncompressed / compressed size of a part larger than <see cref="RatioCheckedFromBytes"/>. Sheet XML of real rows
    /// compresses 5–20 times; 100 leaves room, while a sheet padded with whitespace compresses about 1,000 times.
    /// </summary>
    public const long MaxXlsxCompressionRatio = 100;

    /// <summary>Small parts (styles, themes) may compress better than any sheet; the ratio is only checked above 1 MiB.</summary>
    public const long RatioCheckedFromBytes = 1024 * 1024;

    /// <summary>Characters of one XLSX cell or shared string: Excel's own limit (32,767).</summary>
    public const int MaxXlsxCellChars = 32_767;

    /// <summary>Strings in the shared-string table (held in memory while the sheet is read): four per row of a 1,000,000-row roster.</summary>
    public const int MaxXlsxSharedStrings = 4_000_000;

    /// <summary>Characters of all shared strings together (64 M characters, about 128 MB as .NET strings).</summary>
    public const long MaxXlsxSharedStringChars = 64L * 1024 * 1024;
}
