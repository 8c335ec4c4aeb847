using MedicalAssistance.Functions.Csv;

namespace MedicalAssistance.Functions.Tests.Rosters;

public sealed class CsvCellsTests
{
    [Theory]
    [InlineData("=SUM(A1:A2)", "'=SUM(A1:A2)")]
    [InlineData("+86 138", "'+86 138")]
    [InlineData("-1", "'-1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"a,b\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\"")]
    public void Neutralises_cells_that_Excel_would_run_as_formulas(string value, string expected) =>
        Assert.Equal(expected, CsvCells.Format(value));

    [Theory]
    [InlineData("张三", "张三")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("2025-01-01", "2025-01-01")]
    public void Quotes_as_RFC_4180(string? value, string expected) => Assert.Equal(expected, CsvCells.Format(value));

    [Fact]
    public async Task A_written_file_starts_with_the_UTF8_BOM_and_uses_CRLF()
    {
        var memory = new MemoryStream();
        await using (var writer = new ExcelCsvWriter(memory))
        {
            await writer.WriteRowAsync(["行号", "说明"], TestContext.Current.CancellationToken);
            await writer.WriteRowAsync(["2", "=1+1"], TestContext.Current.CancellationToken);
        }

        var bytes = memory.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("行号,说明\r\n2,'=1+1\r\n", System.Text.Encoding.UTF8.GetString(bytes[3..]));
    }
}
