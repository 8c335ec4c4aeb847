using MedicalAssistance.Functions.Csv;

namespace MedicalAssistance.Functions.Rosters.Reading;

/// <summary>RFC 4180 CSV (quoted fields, CRLF or LF, line breaks inside quotes), header row first.</summary>
internal sealed class CsvRowSource : IRosterRowSource
{
    // Blank lines are records too, as they are rows in Excel: row numbers match what the clerk sees.
    private readonly CsvRecordReader _parser;
    private RosterHeader _header = null!;
    private int _row;

    private CsvRowSource(TextReader text)
    {
        _parser = new CsvRecordReader(text);
    }

    public RosterFileFormat Format => RosterFileFormat.Csv;

    public static async Task<IRosterRowSource> OpenAsync(TextReader text, CancellationToken cancellationToken)
    {
        var source = new CsvRowSource(text);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var record = await source._parser.ReadAsync(cancellationToken)
                    ?? throw new RosterFileException(RosterFileErrorCodes.EmptyFile, "文件中没有表头行");
                source._row++;
                if (record.Any(c => !string.IsNullOrWhiteSpace(c)))
                {
                    source._header = RosterColumns.MapHeader(record);
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
        while (await _parser.ReadAsync(cancellationToken) is { } record)
        {
            _row++;
            var row = new RawRosterRow(_row, _header.Pick(i => i < record.Length ? Cell(record[i]) : RawCell.Empty));
            if (!row.IsBlank)
            {
                return row;
            }
        }

        return (RawRosterRow?)null;
    });

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

    public ValueTask DisposeAsync()
    {
        _parser.Dispose();
        return ValueTask.CompletedTask;
    }
}
