using System.Text;

namespace MedicalAssistance.Functions.Csv;

/// <summary>
/// Cells of every CSV the system writes: RFC 4180 quoting, and formula-injection neutralisation. A cell that starts with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return would be run as a formula by Excel; it is prefixed
/// with <c>'</c> so that Excel shows it as text (OWASP "CSV injection").
/// </summary>
public static class CsvCells
{
    /// <summary>UTF-8 with a BOM: without it Excel reads a UTF-8 CSV as the machine's ANSI code page and garbles Chinese.</summary>
    public static readonly Encoding ExcelUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    /// <summary>The cell as it must appear in the file: neutralised, then quoted if needed.</summary>
    public static string Format(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = IsFormulaLike(value) ? "'" + value : value;
        return text.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>Whether Excel (or LibreOffice, Google Sheets) would read the cell as a formula or command.</summary>
    public static bool IsFormulaLike(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>One CSV line (without the line break) of neutralised, quoted cells.</summary>
    public static string Line(params IEnumerable<string?> cells) => string.Join(',', cells.Select(Format));
}

/// <summary>Writes a CSV that Excel opens correctly: UTF-8 with BOM, CRLF line breaks, every cell through <see cref="CsvCells"/>.</summary>
public sealed class ExcelCsvWriter(Stream output) : IAsyncDisposable
{
    private readonly StreamWriter _writer = new(output, CsvCells.ExcelUtf8, bufferSize: 64 * 1024, leaveOpen: false) { NewLine = "\r\n" };

    public Task WriteRowAsync(IEnumerable<string?> cells, CancellationToken cancellationToken) =>
        _writer.WriteLineAsync(CsvCells.Line(cells).AsMemory(), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync();
        await _writer.DisposeAsync();
    }
}
