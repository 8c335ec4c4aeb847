using System.Buffers;
using System.Text;
using Sylvan.Data.Csv;

namespace MedicalAssistance.Functions.Rosters.Reading;

/// <summary>
/// RFC 4180 CSV (quoted fields, CRLF, LF or CR, line breaks inside quotes), header row first, parsed by Sylvan.Data.Csv.
/// Lenient where Excel is: a quote in the middle of an unquoted field is kept as a character, and a <c>#</c> is data, not a
/// comment. Strict where silence would store garbage: bytes invalid in the detected encoding or a control character in any
/// row reject the file naming the row, and so do unpaired quotes. Memory is bounded by
/// <see cref="RosterFileLimits.MaxCsvRecordChars"/> per record, never the file.
/// </summary>
internal sealed class CsvRowSource : IRosterRowSource
{
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F\uFFFD");

    // Blank lines are records too, as they are rows in Excel: row numbers match what the clerk sees.
    private readonly CsvDataReader _parser;
    private readonly Encoding _encoding;
    private RosterHeader _header = null!;
    private int _row;

    private CsvRowSource(CsvDataReader parser, Encoding encoding)
    {
        _parser = parser;
        _encoding = encoding;
    }

    public RosterFileFormat Format => RosterFileFormat.Csv;

    /// <param name="text">The file's text, decoded with <paramref name="encoding"/>'s replacement fallback (U+FFFD marks a bad byte).</param>
    public static async Task<IRosterRowSource> OpenAsync(TextReader text, Encoding encoding, CancellationToken cancellationToken)
    {
        var parser = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions
        {
            HasHeaders = false,
            Delimiter = ',',
            Comment = '\0',
            CsvStyle = CsvStyle.Standard,
            ResultSetMode = ResultSetMode.SingleResult,
            BufferSize = 64 * 1024,
            MaxBufferSize = RosterFileLimits.MaxCsvRecordChars,
            OwnsReader = true,
        }, cancellationToken);
        var source = new CsvRowSource(parser, encoding);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var record = await source.ReadRecordAsync(cancellationToken)
                    ?? throw new RosterFileException(RosterFileErrorCodes.EmptyFile, "文件中没有表头行");
                if (record.Any(c => !string.IsNullOrWhiteSpace(c)))
                {
                    source._header = MapHeader(record, encoding);
                    return source;
                }
            }
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    public ValueTask<RawRosterRow?> NextAsync(CancellationToken cancellationToken) => RosterFileReader.GuardNext(async () =>
    {
        while (await ReadRecordAsync(cancellationToken) is { } record)
        {
            var row = new RawRosterRow(_row, _header.Pick(i => i < record.Length ? Cell(record[i]) : RawCell.Empty));
            if (!row.IsBlank)
            {
                return row;
            }
        }

        return (RawRosterRow?)null;
    });

    /// <summary>The next record's fields (a blank line is one empty field), or null at the end; checks every character.</summary>
    private async ValueTask<string[]?> ReadRecordAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await _parser.ReadAsync(cancellationToken))
            {
                return null;
            }
        }
        catch (CsvRecordTooLargeException ex)
        {
            throw new RosterFileException(RosterFileErrorCodes.RowTooLong,
                $"第 {_row + 1} 行超过 {RosterFileLimits.MaxCsvRecordChars:N0} 个字符，通常是某个引号没有闭合：请检查该行及其后的引号", inner: ex);
        }
        catch (CsvFormatException ex)
        {
            throw new RosterFileException(RosterFileErrorCodes.MalformedCsv,
                $"第 {_row + 1} 行的引号不成对（引号没有闭合，或闭合引号后还有字符），无法确定各列内容：请修正后重新报送", inner: ex);
        }

        _row++;
        var fields = new string[_parser.RowFieldCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = _parser.GetString(i);
            var bad = fields[i].AsSpan().IndexOfAny(Forbidden);
            if (bad >= 0)
            {
                throw fields[i][bad] == '\uFFFD' ? InvalidBytes(_row) : ControlCharacter(_row);
            }
        }

        return fields;
    }

    private RosterFileException InvalidBytes(int row) => new(
        RosterFileErrorCodes.InvalidEncoding,
        $"第 {row} 行含有不能按 {EncodingName(_encoding)} 解读的字节：整个文件须使用同一种编码（UTF-8 或 GB18030）保存，请用 Excel“另存为 CSV UTF-8”后重新报送");

    /// <summary>The same error as a control character in the sniffed prefix (<see cref="RosterFileReader.UnknownFormat"/>), naming the row.</summary>
    private static RosterFileException ControlCharacter(int row) => new(
        RosterFileErrorCodes.UnknownFormat,
        $"第 {row} 行含有控制字符（不可见字符），这不是有效的 CSV 文本：只接受 CSV（UTF-8 或 GB18030 编码）和 XLSX（Excel 2007 及以上）文件");

    private static string EncodingName(Encoding encoding) => encoding.CodePage == 54936 ? "GB18030" : "UTF-8";

    /// <summary>
    /// Maps the header; when no column is recognised in a GB18030 reading, checks whether the bytes were Big5 (traditional
    /// Chinese, which GB18030 always "decodes" into nonsense) to say so instead of naming every column missing.
    /// </summary>
    private static RosterHeader MapHeader(string[] record, Encoding encoding)
    {
        try
        {
            return RosterColumns.MapHeader(record);
        }
        catch (RosterFileException ex) when (ex.Code == RosterFileErrorCodes.MissingColumns && encoding.CodePage == 54936 && LooksLikeBig5(record, encoding))
        {
            throw new RosterFileException(RosterFileErrorCodes.UnsupportedEncoding,
                "文件似乎是 Big5（繁体中文）编码，本系统只接受 UTF-8 或 GB18030 编码的 CSV：请用 Excel“另存为 CSV UTF-8”后重新报送", inner: ex);
        }
    }

    private static bool LooksLikeBig5(string[] record, Encoding gb18030)
    {
        var big5 = Encoding.GetEncoding(950);
        var header = big5.GetString(gb18030.GetBytes(string.Join(",", record)));
        return header.Contains("姓名", StringComparison.Ordinal) || header.Contains("身份證", StringComparison.Ordinal) || header.Contains("身分證", StringComparison.Ordinal);
    }

    /// <summary>
    /// Undoes the two tricks people use to keep Excel from turning an ID number into a number: <c>="4401…"</c> and <c>'4401…</c>.
    /// </summary>
    private static RawCell Cell(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length >= 3 && trimmed.StartsWith("=\"", StringComparison.Ordinal) && trimmed.EndsWith('"'))
        {
            trimmed = trimmed[2..^1];
        }
        else if (trimmed.StartsWith('\''))
        {
            trimmed = trimmed[1..];
        }

        return RawCell.FromText(trimmed);
    }

    public async ValueTask DisposeAsync() => await _parser.DisposeAsync();
}
