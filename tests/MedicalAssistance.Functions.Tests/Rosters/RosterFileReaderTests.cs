using System.Text;
using MedicalAssistance.Functions.Rosters.Reading;
using static MedicalAssistance.Functions.Tests.Rosters.TestRosters;

namespace MedicalAssistance.Functions.Tests.Rosters;

public sealed class RosterFileReaderTests
{
    public static TheoryData<string> Encodings => ["utf8", "utf8-bom", "gb18030"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Reads_CSV_in_UTF8_with_or_without_BOM_and_GB18030(string encoding)
    {
        var file = encoding switch
        {
            "utf8" => CsvFile([Row(1), Row(2, "特困人员")], Utf8NoBom),
            "utf8-bom" => CsvFile([Row(1), Row(2, "特困人员")], Utf8NoBom, bom: true),
            _ => CsvFile([Row(1), Row(2, "特困人员")], Gb18030),
        };

        var rows = await ReadAllAsync(file, seekable: encoding != "gb18030");

        Assert.Equal([2, 3], rows.Select(r => r.Row));
        Assert.Equal(NameFor(1), rows[0][RosterColumn.Name].Text);
        Assert.Equal(IdNumberFor(1), rows[0][RosterColumn.IdNumber].Text);
        Assert.Equal("特困人员", rows[1][RosterColumn.IdentityType].Text);
        Assert.Equal("441402", rows[1][RosterColumn.County].Text);
    }

    [Fact]
    public async Task GB18030_is_detected_even_when_the_first_Chinese_character_comes_after_the_sniffed_prefix()
    {
        // 70 KB of ASCII-only rows first: the sniffer sees only ASCII (valid UTF-8 and GB18030 alike) — and must
        // then still decode the later GB18030 names. Our CSV header is Chinese, so the first line decides already.
        var rows = Enumerable.Range(1, 3).Select(n => Row(n)).ToList();
        var file = CsvFile(rows, Gb18030);
        Assert.Equal(NameFor(3), (await ReadAllAsync(file))[2][RosterColumn.Name].Text);
    }

    [Fact]
    public async Task Maps_headers_by_name_in_any_order_with_English_aliases_and_quoted_fields()
    {
        var text = "Change,ID Number,name,identity_type,determinedOn,START,end,extra\r\n"
            + $"add,{IdNumberFor(5)},\"王, 五\",DIBAO,2025-01-01,2025-01-01,,\"multi\r\nline\"\n"
            + "\r\n"
            + $"exit,\"{IdNumberFor(6)}\",\"赵\"\"六\"\"\",TEKUN,2025/1/2,20250102,2025-03-31,x\r\n";
        var rows = await ReadAllAsync(Encoding.UTF8.GetBytes(text));

        Assert.Equal(2, rows.Count);
        Assert.Equal("王, 五", rows[0][RosterColumn.Name].Text);
        Assert.Equal("add", rows[0][RosterColumn.Change].Text);
        Assert.Equal(RawCell.Empty, rows[0][RosterColumn.Phone]);
        // Row numbers count records as Excel shows them: the blank line is row 3.
        Assert.Equal(4, rows[1].Row);
        Assert.Equal("赵\"六\"", rows[1][RosterColumn.Name].Text);
        Assert.Equal("2025-03-31", rows[1][RosterColumn.End].Text);
    }

    [Fact]
    public async Task Unwraps_the_tricks_that_keep_Excel_from_converting_ID_numbers()
    {
        var text = "姓名,身份证号,人员类别,认定日期,开始日期,终止日期,变动类型\r\n"
            + $"甲,\"=\"\"{IdNumberFor(1)}\"\"\",低保,2025-01-01,2025-01-01,,新增\r\n"
            + $"乙,'{IdNumberFor(2)},低保,2025-01-01,2025-01-01,,新增\r\n";
        var rows = await ReadAllAsync(Encoding.UTF8.GetBytes(text));
        Assert.Equal([IdNumberFor(1), IdNumberFor(2)], rows.Select(r => r[RosterColumn.IdNumber].Text));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reads_the_first_sheet_of_an_XLSX_keeping_number_and_date_cells(bool seekable)
    {
        var file = XlsxFile(ChineseHeader,
        [
            ["张三", IdNumberFor(1), "低保对象", new DateTime(2025, 1, 10), "2025-02-01", null, "新增", "13800138000", "居民", "441402"],
            ["李四", 4.41402195001011E+17, "DIBAO", 45667.0, new DateTime(2025, 2, 1), null, "新增", null, null, null],
        ], withSecondSheet: true);

        var rows = await ReadAllAsync(file, "roster.xlsx", seekable: seekable);

        Assert.Equal([2, 3], rows.Select(r => r.Row));
        Assert.Equal(new RawCell(IdNumberFor(1), RawCellKind.Text), rows[0][RosterColumn.IdNumber]);
        Assert.Equal(new RawCell("2025-01-10", RawCellKind.Date), rows[0][RosterColumn.DeterminedOn]);
        Assert.Equal(RawCellKind.Number, rows[1][RosterColumn.IdNumber].Kind);
        Assert.Equal(RawCellKind.Number, rows[1][RosterColumn.DeterminedOn].Kind);
        Assert.Equal("2025-02-01", rows[1][RosterColumn.Start].Text);
    }

    [Fact]
    public async Task Missing_columns_reject_the_whole_file_naming_them_in_Chinese()
    {
        var file = CsvFile([["张三", IdNumberFor(1), "低保"]], Utf8NoBom, header: ["姓名", "身份证号", "人员类别"]);

        var error = await Assert.ThrowsAsync<RosterFileException>(() => ReadAllAsync(file));

        Assert.Equal(RosterFileErrorCodes.MissingColumns, error.Code);
        Assert.Equal(["determinedOn", "start", "end", "change"], error.Fields);
        Assert.Contains("认定日期（determinedOn）", error.Message, StringComparison.Ordinal);
        Assert.Contains("变动类型（change）", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_columns_in_an_XLSX_are_named_too()
    {
        var file = XlsxFile(["姓名", "身份证号"], [["张三", IdNumberFor(1)]]);
        var error = await Assert.ThrowsAsync<RosterFileException>(() => ReadAllAsync(file, "roster.xlsx"));
        Assert.Equal(RosterFileErrorCodes.MissingColumns, error.Code);
        Assert.Contains("人员类别（identityType）", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_garbage_named_csv_is_an_unknown_format()
    {
        var garbage = new byte[10_000];
        new Random(7).NextBytes(garbage);
        var error = await Assert.ThrowsAsync<RosterFileException>(() => ReadAllAsync(garbage, "roster.csv"));
        Assert.Equal(RosterFileErrorCodes.UnknownFormat, error.Code);
    }

    [Fact]
    public async Task A_corrupt_XLSX_is_unreadable_not_a_crash()
    {
        var file = XlsxFile(ChineseHeader, [Row(1)]);
        var corrupt = file[..(file.Length / 2)];
        var error = await Assert.ThrowsAsync<RosterFileException>(() => ReadAllAsync(corrupt, "roster.xlsx"));
        Assert.Equal(RosterFileErrorCodes.UnreadableFile, error.Code);
    }

    [Fact]
    public async Task Oversized_files_are_rejected_while_streaming_whatever_their_claimed_length()
    {
        var file = CsvFile(Enumerable.Range(1, 2000).Select(n => Row(n)), Utf8NoBom);
        var error = await Assert.ThrowsAsync<RosterFileException>(() => ReadAllAsync(file, maxBytes: 100_000, seekable: false));
        Assert.Equal(RosterFileErrorCodes.FileTooLarge, error.Code);
        Assert.Contains("大小上限", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_is_rejected()
    {
        var error = await Assert.ThrowsAsync<RosterFileException>(() => ReadAllAsync([]));
        Assert.Equal(RosterFileErrorCodes.EmptyFile, error.Code);
    }
}
