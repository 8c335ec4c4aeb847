namespace MedicalAssistance.Functions.Rosters.Reading;

/// <summary>
/// A roster whose header is followed by no data row (a header-only CSV or sheet, an empty JSON array) is refused as a
/// whole (<see cref="RosterFileErrorCodes.NoDataRows"/>) instead of ending "done" with nothing to show.
/// </summary>
internal sealed class RowsRequired(IRosterRowSource inner) : IRosterRowSource
{
    private bool _seenRow;

    public RosterFileFormat Format => inner.Format;

    public async ValueTask<RawRosterRow?> NextAsync(CancellationToken cancellationToken)
    {
        var row = await inner.NextAsync(cancellationToken);
        if (row is null && !_seenRow)
        {
            throw new RosterFileException(RosterFileErrorCodes.NoDataRows, "文件只有表头，没有数据行：请填写名单后重新报送");
        }

        _seenRow = true;
        return row;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
