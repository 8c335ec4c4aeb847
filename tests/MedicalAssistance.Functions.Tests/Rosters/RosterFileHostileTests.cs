using System.IO.Compression;
using System.Text;
using MedicalAssistance.Functions.Rosters.Reading;
using static MedicalAssistance.Functions.Tests.Rosters.TestRosters;

namespace MedicalAssistance.Functions.Tests.Rosters;

/// <summary>
/// Files made to hurt or made carelessly: ZIP bombs, mixed encodings, stray control characters, unpaired quotes, Big5,
/// repeated JSON keys, rows that are all null, a header and nothing else. Each is refused with a named code, or answered at
/// its row, before it costs memory or stores garbage.
/// </summary>
public sealed class RosterFileHostileTests
{
    private static readonly string[] EnglishHeader = ["name", "idNumber", "identityType", "determinedOn", "start", "end", "change"];

    private static async Task<RosterFileException> RefusedAsync(byte[] file, string name = "roster.csv", bool seekable = true) =>
        await Assert.ThrowsAsync<RosterFileException>(() => ReadAllAsync(file, name, seekable: seekable));

    /// <summary>ASCII-only rows (valid UTF-8 and GB18030 alike) filling more than the 64 KiB the sniffer sees.</summary>
    private static string AsciiRows(int count) => string.Concat(Enumerable.Range(1, count).Select(n =>
        $"Ascii Name,{IdNumberFor(n)},DIBAO,2025-01-10,2025-02-01,,add\n"));

    [Fact]
    public async Task A_GB18030_row_after_64_KiB_of_ASCII_is_INVALID_ENCODING_naming_its_row_never_replacement_characters()
    {
        var ascii = string.Join(",", EnglishHeader) + "\n" + AsciiRows(1200);
        Assert.True(ascii.Length > 70_000);
        var file = Encoding.ASCII.GetBytes(ascii).Concat(Gb18030.GetBytes($"王小明,{IdNumberFor(5000)},DIBAO,2025-01-10,2025-02-01,,add\n")).ToArray();

        var error = await RefusedAsync(file, seekable: false);

        Assert.Equal(RosterFileErrorCodes.InvalidEncoding, error.Code);
        Assert.Contains("第 1202 行", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_UTF8_bytes_after_the_prefix_are_refused_too()
    {
        var file = CsvFile(Enumerable.Range(1, 1200).Select(n => Row(n)), Utf8NoBom).Concat(new byte[] { 0xE7, 0x8E, (byte)',', (byte)'\n' }).ToArray();

        var error = await RefusedAsync(file);

        Assert.Equal(RosterFileErrorCodes.InvalidEncoding, error.Code);
        Assert.Contains("第 1202 行", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_control_character_after_64_KiB_is_refused_like_one_before_it()
    {
        var header = string.Join(",", EnglishHeader) + "\n";
        var early = Encoding.ASCII.GetBytes(header + "Bell\u0007Name,x,DIBAO,2025-01-10,2025-02-01,,add\n" + AsciiRows(1200));
        var late = Encoding.ASCII.GetBytes(header + AsciiRows(1200) + "Bell\u0007Name,x,DIBAO,2025-01-10,2025-02-01,,add\n");

        var earlyError = await RefusedAsync(early);
        var lateError = await RefusedAsync(late);

        Assert.Equal(RosterFileErrorCodes.UnknownFormat, earlyError.Code);
        Assert.Equal(RosterFileErrorCodes.UnknownFormat, lateError.Code);
        Assert.Contains("第 1202 行", lateError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_only_CSV_or_XLSX_and_an_empty_JSON_array_are_NO_DATA_ROWS()
    {
        var csv = await RefusedAsync(CsvFile([], Utf8NoBom));
        var blankLinesOnly = await RefusedAsync(Encoding.UTF8.GetBytes(string.Join(",", ChineseHeader) + "\n\n,,,\n"));
        var xlsx = await RefusedAsync(XlsxFile(ChineseHeader, []), "roster.xlsx");
        var json = await RefusedAsync("[]"u8.ToArray(), "rows.json");

        Assert.All([csv, blankLinesOnly, xlsx, json], e => Assert.Equal(RosterFileErrorCodes.NoDataRows, e.Code));
    }

    [Fact]
    public async Task An_unterminated_quote_is_a_parse_error_naming_the_row_not_a_long_name()
    {
        var small = Encoding.UTF8.GetBytes(string.Join(",", ChineseHeader) + "\n" + string.Join(",", Row(1)) + "\n\"测试,"
            + string.Join(",", Row(2).Skip(1)) + "\n" + string.Join(",", Row(3)) + "\n");
        var large = Encoding.UTF8.GetBytes(string.Join(",", ChineseHeader) + "\n\"测试," + string.Concat(Enumerable.Range(1, 30_000).Select(n => string.Join(",", Row(n)) + "\n")));

        var smallError = await RefusedAsync(small);
        var largeError = await RefusedAsync(large);

        Assert.Equal(RosterFileErrorCodes.MalformedCsv, smallError.Code);
        Assert.Contains("第 3 行", smallError.Message, StringComparison.Ordinal);
        Assert.Equal(RosterFileErrorCodes.RowTooLong, largeError.Code);
        Assert.Contains("第 2 行", largeError.Message, StringComparison.Ordinal);
        Assert.Contains("引号", largeError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_longer_than_the_limit_is_refused_while_streaming_memory_bounded_by_the_record_limit()
    {
        // One unquoted 3-million-character cell: the parser's buffer stops growing at the record limit.
        var file = Encoding.UTF8.GetBytes(string.Join(",", ChineseHeader) + "\n" + new string('名', 3_000_000) + "," + string.Join(",", Row(1).Skip(1)) + "\n");

        var error = await RefusedAsync(file, seekable: false);

        Assert.Equal(RosterFileErrorCodes.RowTooLong, error.Code);
    }

    [Fact]
    public async Task Excel_leniency_a_stray_quote_inside_a_field_is_a_character_a_hash_is_data_blank_lines_keep_row_numbers()
    {
        var text = string.Join(",", ChineseHeader) + "\r\n"
            + string.Join(",", Row(1)).Replace("测试一", "王\"明", StringComparison.Ordinal) + "\r\n"
            + "\r\n"
            + "#" + string.Join(",", Row(2)) + "\r"
            + string.Join(",", Row(3).Select(c => "\"" + c + "\"")) + "\n";

        var rows = await ReadAllAsync(Encoding.UTF8.GetBytes(text));

        Assert.Equal([2, 4, 5], rows.Select(r => r.Row));
        Assert.Equal("王\"明", rows[0][RosterColumn.Name].Text);
        Assert.Equal("#" + NameFor(2), rows[1][RosterColumn.Name].Text);
        Assert.Equal(NameFor(3), rows[2][RosterColumn.Name].Text);
    }

    [Fact]
    public async Task A_Big5_file_is_UNSUPPORTED_ENCODING_not_missing_columns()
    {
        TextEncodingSniffer.EnsureCodePages();
        var big5 = Encoding.GetEncoding(950);
        var header = "姓名,身份證號,人員類別,認定日期,開始日期,終止日期,變動類型";
        var file = big5.GetBytes(header + "\n王小明," + IdNumberFor(1) + ",低保對象,2025-01-10,2025-02-01,,新增\n");

        var error = await RefusedAsync(file);

        Assert.Equal(RosterFileErrorCodes.UnsupportedEncoding, error.Code);
        Assert.Contains("Big5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_JSON_key_is_DUPLICATE_KEY_naming_the_row()
    {
        var json = $$"""
            [ { "name": "王明", "idNumber": "{{IdNumberFor(1)}}", "identityType": "DIBAO", "determinedOn": "2025-01-10", "start": "2025-02-01", "change": "add" },
              { "name": "李明", "name": "李强", "idNumber": "{{IdNumberFor(2)}}", "identityType": "DIBAO", "determinedOn": "2025-01-10", "start": "2025-02-01", "change": "add" } ]
            """;

        var error = await RefusedAsync(Encoding.UTF8.GetBytes(json), "rows.json");

        Assert.Equal(RosterFileErrorCodes.DuplicateKey, error.Code);
        Assert.Contains("第 2 行", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_all_null_JSON_row_is_returned_as_a_row_so_that_it_gets_an_answer()
    {
        var json = $$"""
            [ { "name": null, "idNumber": null }, null,
              { "name": "王明", "idNumber": "{{IdNumberFor(1)}}", "identityType": "DIBAO", "determinedOn": "2025-01-10", "start": "2025-02-01", "change": "add" } ]
            """;

        var rows = await ReadAllAsync(Encoding.UTF8.GetBytes(json), "rows.json");

        Assert.Equal([1, 2, 3], rows.Select(r => r.Row));
        Assert.True(rows[0].IsBlank);
        Assert.True(rows[1].IsBlank);
    }

    [Fact]
    public async Task An_XLSX_shared_string_longer_than_Excel_allows_is_XLSX_CELL_TOO_LONG()
    {
        var file = XlsxFile(ChineseHeader, [[new string('名', 40_000), IdNumberFor(1), "低保对象", "2025-01-10", "2025-02-01", null, "新增"]]);

        var error = await RefusedAsync(file, "roster.xlsx");

        Assert.Equal(RosterFileErrorCodes.XlsxCellTooLong, error.Code);
    }

    [Fact]
    public async Task An_XLSX_with_one_huge_shared_string_is_refused_from_its_directory_before_anything_is_expanded()
    {
        // The shape of the 512 KB file that took the host to 2.5 GB: one string of millions of characters.
        var file = XlsxFile(ChineseHeader, [[new string('x', 20_000_000), IdNumberFor(1), "低保对象", "2025-01-10", "2025-02-01", null, "新增"]]);
        Assert.True(file.Length < 512 * 1024);

        var error = await RefusedAsync(file, "roster.xlsx", seekable: false);

        Assert.Equal(RosterFileErrorCodes.XlsxTooLarge, error.Code);
        Assert.Contains("压缩比", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_XLSX_sheet_padded_with_whitespace_fails_fast()
    {
        var file = WithSheetPadding(XlsxFile(ChineseHeader, [Row(1)]), 50 * 1024 * 1024);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var error = await RefusedAsync(file, "roster.xlsx");

        Assert.Equal(RosterFileErrorCodes.XlsxTooLarge, error.Code);
        // The directory alone decides: nothing near 50 MB is decompressed (a generous bound for a loaded machine).
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }

    /// <summary>The XLSX with <paramref name="bytes"/> of spaces inserted after its first sheet's <c>&lt;sheetData&gt;</c>.</summary>
    private static byte[] WithSheetPadding(byte[] xlsx, int bytes)
    {
        using var memory = new MemoryStream();
        memory.Write(xlsx);
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            var at = xml.IndexOf("<x:sheetData>", StringComparison.Ordinal) is >= 0 and var i ? i : xml.IndexOf("<sheetData>", StringComparison.Ordinal);
            Assert.True(at >= 0, xml[..Math.Min(300, xml.Length)]);
            var name = entry.FullName;
            entry.Delete();
            var padded = zip.CreateEntry(name, CompressionLevel.Optimal);
            using var writer = new StreamWriter(padded.Open(), new UTF8Encoding(false));
            writer.Write(xml[..at]);
            var spaces = new string(' ', 1024 * 1024);
            for (var written = 0; written < bytes; written += spaces.Length)
            {
                writer.Write(spaces);
            }

            writer.Write(xml[at..]);
        }

        return memory.ToArray();
    }
}
