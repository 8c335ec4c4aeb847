using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MedicalAssistance.Functions.Csv;

namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// One table of a run's outputs written row by row as a CSV (<see cref="ExcelCsvWriter"/>: UTF-8 with BOM, formula-safe, streamed
/// to its blob) and, when named, the same rows as a one-sheet XLSX (<see cref="XlsxTableWriter"/>'s cells: text inline, so never a
/// formula; amounts as numbers). The XLSX is written to a temporary file while the rows come (a zip package needs a seekable
/// stream) and uploaded by <see cref="CompleteAsync"/>: memory does not grow with the rows. Cells: decimal (money, to the fen),
/// int, DateOnly, text (<see cref="RunCells"/>).
/// </summary>
public sealed class RunTableWriter : IAsyncDisposable
{
    private readonly RunOutputs _outputs;
    private readonly string _run;
    private readonly string _period;
    private readonly string? _xlsxFile;
    private readonly ExcelCsvWriter _csv;
    private readonly string? _xlsxPath;
    private readonly SpreadsheetDocument? _document;
    private readonly WorksheetPart? _sheetPart;
    private readonly OpenXmlWriter? _sheet;
    private readonly string _sheetName;
    private bool _completed;
    private bool _csvClosed;

    private RunTableWriter(RunOutputs outputs, string run, string period, Stream csv, string? xlsxFile, string sheetName)
    {
        _outputs = outputs;
        _run = run;
        _period = period;
        _csv = new ExcelCsvWriter(csv);
        _xlsxFile = xlsxFile;
        _sheetName = sheetName;
        if (xlsxFile is not null)
        {
            _xlsxPath = Path.Combine(Path.GetTempPath(), $"{run}-{period}-{Guid.NewGuid():N}.xlsx");
            _document = SpreadsheetDocument.Create(_xlsxPath, SpreadsheetDocumentType.Workbook);
            _sheetPart = _document.AddWorkbookPart().AddNewPart<WorksheetPart>();
            _sheet = OpenXmlWriter.Create(_sheetPart);
            _sheet.WriteStartElement(new Worksheet());
            _sheet.WriteStartElement(new SheetData());
        }
    }

    /// <summary>Opens <paramref name="csvFile"/> (and <paramref name="xlsxFile"/>) of run <paramref name="run"/> for a period and writes the header.</summary>
    public static async Task<RunTableWriter> CreateAsync(RunOutputs outputs, string run, string period, string csvFile, string? xlsxFile,
        IReadOnlyList<string> header, CancellationToken cancellationToken)
    {
        var csv = await outputs.OpenWriteAsync(run, period, csvFile, cancellationToken);
        var writer = new RunTableWriter(outputs, run, period, csv, xlsxFile, Path.GetFileNameWithoutExtension(csvFile));
        await writer.WriteRowAsync([.. header], cancellationToken);
        return writer;
    }

    public async Task WriteRowAsync(IReadOnlyList<object?> cells, CancellationToken cancellationToken)
    {
        await _csv.WriteRowAsync(cells.Select(RunCells.Text), cancellationToken);
        if (_sheet is not null)
        {
            XlsxTableWriter.WriteRow(_sheet, cells.Select(c => c is decimal or int ? c : (object)(RunCells.Text(c) ?? "")));
        }
    }

    /// <summary>Flushes the CSV and uploads the XLSX; without it (an exception on the way) nothing half-made is uploaded as XLSX.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        _csvClosed = true;
        await _csv.DisposeAsync();
        if (_document is not null && _sheet is not null && _sheetPart is not null)
        {
            _sheet.WriteEndElement();
            _sheet.WriteEndElement();
            _sheet.Dispose();
            var workbook = _document.WorkbookPart!;
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(_sheetPart), SheetId = 1, Name = _sheetName }));
            workbook.Workbook.Save();
            _document.Dispose();
            await using var file = File.OpenRead(_xlsxPath!);
            await using var blob = await _outputs.OpenWriteAsync(_run, _period, _xlsxFile!, cancellationToken);
            await file.CopyToAsync(blob, cancellationToken);
        }

        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_csvClosed)
        {
            await _csv.DisposeAsync();
        }

        if (!_completed)
        {
            _sheet?.Dispose();
            _document?.Dispose();
        }

        if (_xlsxPath is not null && File.Exists(_xlsxPath))
        {
            File.Delete(_xlsxPath);
        }
    }
}
