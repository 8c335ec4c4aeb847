using ExcelDataReader;

namespace MedicalAssistance.Functions.Rosters.Reading;

/// <summary>
/// The first worksheet of an XLSX, read row by row (ExcelDataReader streams the sheet XML; only the shared-string table
/// is held in memory, bounded by <see cref="XlsxExpansionGuard"/> before reading starts). Numeric and date cells keep their kind, so an ID number stored as a number is recognised as such.
/// </summary>
internal sealed class XlsxRowSource : IRosterRowSource
{
    private readonly IExcelDataReader _reader;
    private readonly Stream _stream;
    private RosterHeader _header = null!;

    private XlsxRowSource(Stream stream, IExcelDataReader reader)
    {
        _stream = stream;
        _reader = reader;
    }

    public RosterFileFormat Format => RosterFileFormat.Xlsx;

    public static async Task<IRosterRowSource> OpenAsync(Stream stream, CancellationToken cancellationToken)
    {
        TextEncodingSniffer.EnsureCodePages();
        // The ZIP directory sits at the end of the file: a stream that cannot seek is spooled to a temporary file first.
        var seekable = stream.CanSeek ? stream : await SpoolAsync(stream, cancellationToken);
        IExcelDataReader reader;
        try
        {
            XlsxExpansionGuard.Check(seekable, cancellationToken);
            reader = ExcelReaderFactory.CreateOpenXmlReader(seekable, new ExcelReaderConfiguration { LeaveOpen = true });
        }
        catch
        {
            if (!ReferenceEquals(seekable, stream))
            {
                await seekable.DisposeAsync();
            }

            throw;
        }

        var source = new XlsxRowSource(seekable, reader);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!reader.Read())
                {
                    throw new RosterFileException(RosterFileErrorCodes.EmptyFile, "工作表中没有表头行");
                }

                var headers = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString()).ToList();
                if (headers.Any(h => !string.IsNullOrWhiteSpace(h)))
                {
                    source._header = RosterColumns.MapHeader(headers);
                    return source;
                }
            }
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
        finally
        {
            if (!ReferenceEquals(seekable, stream))
            {
                await stream.DisposeAsync();
            }
        }
    }

    public ValueTask<RawRosterRow?> NextAsync(CancellationToken cancellationToken) => RosterFileReader.GuardNext(() =>
    {
        while (_reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fieldCount = _reader.FieldCount;
            // Depth is the 0-based index of the sheet row, gaps included: row numbers match Excel's.
            var row = new RawRosterRow(_reader.Depth + 1, _header.Pick(i => i < fieldCount ? Cell(_reader.GetValue(i)) : RawCell.Empty));
            if (!row.IsBlank)
            {
                return ValueTask.FromResult<RawRosterRow?>(row);
            }
        }

        return ValueTask.FromResult<RawRosterRow?>(null);
    });

    private static RawCell Cell(object? value) => value switch
    {
        null => RawCell.Empty,
        string s => RawCell.FromText(s),
        double d => RawCell.FromNumber(d),
        int i => RawCell.FromNumber(i),
        DateTime dt => RawCell.FromDate(dt),
        _ => RawCell.FromText(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static async Task<Stream> SpoolAsync(Stream stream, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await stream.CopyToAsync(file, cancellationToken);
        file.Seek(0, SeekOrigin.Begin);
        return file;
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
    }
}
