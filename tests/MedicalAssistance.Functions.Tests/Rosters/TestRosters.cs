using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters.Reading;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Rosters;

/// <summary>Builds roster files for tests: valid ID numbers, CSV in any encoding, XLSX with typed cells.</summary>
internal static class TestRosters
{
    /// <summary>
    /// Host arguments for a test host with its own roster container, reports container and queue (no other test host picks
    /// its files up), scanning and polling fast. Command-line arguments, because the names are read when services register.
    /// </summary>
    public static string[] PrivateRosterHostArgs(string container, string reports, string queue) =>
    [
        $"--Rosters:Container={container}", $"--Rosters:ReportsContainer={reports}", $"--Rosters:Queue={queue}",
        // Chunks too: another test host must never apply this host's chunks to its own persons.
        $"--Rosters:ChunkQueue={queue}-chunks", $"--Rosters:StagingContainer={reports}-staging",
        "--Hosting:BlobArrivals:ScanInterval=00:00:00.200",
        "--AzureFunctionsJobHost:extensions:queues:maxPollingInterval=00:00:00.500",
    ];

    /// <summary>
    /// Claim tables and queues of its own for a seed-demo run: the demo claims have fixed ids, and with other person secrets
    /// they are other content (another person key), which the shared tables would refuse as CLAIM_ID_CONFLICT.
    /// </summary>
    public static string[] PrivateClaimArgs() =>
    [
        $"--Claims:Table={AzuriteFixture.UniqueName("claims")}", $"--Claims:LedgerTable={AzuriteFixture.UniqueName("ledger")}",
        $"--Claims:IndexTable={AzuriteFixture.UniqueName("index")}", $"--Claims:AdjustmentTable={AzuriteFixture.UniqueName("adjust")}",
        $"--Claims:ParametersTable={AzuriteFixture.UniqueName("sparams")}", $"--Claims:Queue={AzuriteFixture.UniqueName("claimq")}",
        $"--Claims:RecomputeQueue={AzuriteFixture.UniqueName("recomputeq")}",
    ];

    public static readonly string[] ChineseHeader = ["姓名", "身份证号", "人员类别", "认定日期", "开始日期", "终止日期", "变动类型", "联系电话", "参保类型", "行政区划"];

    /// <summary>A valid 18-character ID number, different for each <paramref name="n"/> below 18 million (birth dates 1950–1999).</summary>
    public static string IdNumberFor(int n, string region = "441402")
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(n % 18000);
        var first17 = $"{region}{birth:yyyyMMdd}{n / 18000 % 1000:D3}";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    /// <summary>The same number with a wrong check character (never '0': a number ending in 000 reads as an Excel number).</summary>
    public static string WithWrongCheck(string id) => id[..17] + (id[17] == '1' ? '2' : '1');

    /// <summary>A name for test person <paramref name="n"/>: 测试 and the number in Chinese digits (names hold no digits), e.g. 测试一二.</summary>
    public static string NameFor(int n) => "测试" + string.Concat(n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => "〇一二三四五六七八九"[d - '0']));

    public static string[] Row(int n, string identityType = "低保对象", string change = "新增", string? end = "", string determinedOn = "2025-01-10", string start = "2025-02-01") =>
        [NameFor(n), IdNumberFor(n), identityType, determinedOn, start, end ?? "", change, "13800138000", "居民", "441402"];

    public static byte[] CsvFile(IEnumerable<string[]> rows, Encoding encoding, bool bom = false, string[]? header = null)
    {
        var text = new StringBuilder();
        foreach (var row in new[] { header ?? ChineseHeader }.Concat(rows))
        {
            text.Append(string.Join(',', row.Select(Quote))).Append("\r\n");
        }

        var bytes = encoding.GetBytes(text.ToString());
        return bom ? [.. encoding.GetPreamble(), .. bytes] : bytes;
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    public static Encoding Utf8NoBom { get; } = new UTF8Encoding(false);

    public static Encoding Gb18030 => TextEncodingSniffer.Gb18030;

    /// <summary>An XLSX whose first sheet holds the header then the rows: strings as shared strings, doubles as numbers, DateTimes as date-formatted numbers.</summary>
    public static byte[] XlsxFile(string[] header, IEnumerable<object?[]> rows, bool withSecondSheet = false)
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            // Style 1 = built-in number format 14 (a short date): how Excel marks a date cell.
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellStyleFormats(new CellFormat()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }) { Count = 2 });
            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable();
            var strings = new Dictionary<string, int>();

            var sheets = workbook.Workbook.AppendChild(new Sheets());
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint r = 1;
            foreach (var values in new[] { header.Cast<object?>().ToArray() }.Concat(rows))
            {
                var row = new Row { RowIndex = r };
                for (var c = 0; c < values.Length; c++)
                {
                    var reference = ColumnName(c) + r.ToString(CultureInfo.InvariantCulture);
                    switch (values[c])
                    {
                        case null:
                            break;
                        case string s:
                            if (!strings.TryGetValue(s, out var index))
                            {
                                index = strings[s] = strings.Count;
                                shared.SharedStringTable.AppendChild(new SharedStringItem(new Text(s)));
                            }

                            row.AppendChild(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(CultureInfo.InvariantCulture)) });
                            break;
                        case double d:
                            row.AppendChild(new Cell { CellReference = reference, CellValue = new CellValue(d.ToString("R", CultureInfo.InvariantCulture)) });
                            break;
                        case DateTime dt:
                            row.AppendChild(new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(dt.ToOADate().ToString(CultureInfo.InvariantCulture)) });
                            break;
                        default:
                            throw new ArgumentException("Unsupported cell value " + values[c]!.GetType());
                    }
                }

                data.AppendChild(row);
                r++;
            }

            sheetPart.Worksheet = new Worksheet(data);
            sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "名单" });
            if (withSecondSheet)
            {
                var other = workbook.AddNewPart<WorksheetPart>();
                other.Worksheet = new Worksheet(new SheetData(new Row(new Cell { CellReference = "A1", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("另一张表")) })));
                sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(other), SheetId = 2, Name = "说明" });
            }

            shared.SharedStringTable.Count = (uint)strings.Count;
            shared.SharedStringTable.UniqueCount = (uint)strings.Count;
        }

        return memory.ToArray();
    }

    private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : ColumnName(index / 26 - 1) + (char)('A' + index % 26);

    public static async Task<List<RawRosterRow>> ReadAllAsync(byte[] file, string name = "roster.csv", long maxBytes = RosterFileReader.DefaultMaxBytes, bool seekable = true)
    {
        Stream stream = seekable ? new MemoryStream(file) : new NonSeekableStream(new MemoryStream(file));
        await using var source = await RosterFileReader.OpenAsync(stream, name, maxBytes, TestContext.Current.CancellationToken);
        var rows = new List<RawRosterRow>();
        await foreach (var row in source.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Like a network or multipart stream: no seeking, no length.</summary>
    internal sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) { inner.Dispose(); } base.Dispose(disposing); }
    }
}
