using System.Text.Json;
using MedicalAssistance.Contracts.Rosters;

namespace MedicalAssistance.Functions.Rosters.Reading;

/// <summary>
/// The rows of an HTTP JSON push, stored as a top-level JSON array of <see cref="RosterRowDto"/> and streamed back one
/// element at a time. Row numbers are 1-based positions in the array.
/// </summary>
internal sealed class JsonRowSource : IRosterRowSource
{
    private static JsonSerializerOptions Options => RosterJson.Options;

    private readonly Stream _stream;
    private readonly IAsyncEnumerator<RosterRowDto?> _rows;
    private int _row;

    private JsonRowSource(Stream stream, CancellationToken cancellationToken)
    {
        _stream = stream;
        // The enumerator keeps the token of its first use; a cancelled ingest disposes the source anyway.
        _rows = JsonSerializer.DeserializeAsyncEnumerable<RosterRowDto>(stream, Options, cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    public RosterFileFormat Format => RosterFileFormat.Json;

    public static Task<IRosterRowSource> OpenAsync(Stream stream, CancellationToken cancellationToken) =>
        Task.FromResult<IRosterRowSource>(new JsonRowSource(stream, cancellationToken));

    public ValueTask<RawRosterRow?> NextAsync(CancellationToken cancellationToken) => RosterFileReader.GuardNext(async () =>
    {
        while (await MoveNextAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            _row++;
            var dto = _rows.Current ?? new RosterRowDto();
            var cells = new RawCell[RosterColumns.All.Count];
            cells[(int)RosterColumn.Name] = RawCell.FromText(dto.Name);
            cells[(int)RosterColumn.IdNumber] = RawCell.FromText(dto.IdNumber);
            cells[(int)RosterColumn.IdentityType] = RawCell.FromText(dto.IdentityType);
            cells[(int)RosterColumn.DeterminedOn] = RawCell.FromText(dto.DeterminedOn);
            cells[(int)RosterColumn.Start] = RawCell.FromText(dto.Start);
            cells[(int)RosterColumn.End] = RawCell.FromText(dto.End);
            cells[(int)RosterColumn.Change] = RawCell.FromText(dto.Change);
            cells[(int)RosterColumn.Phone] = RawCell.FromText(dto.Phone);
            cells[(int)RosterColumn.Insurance] = RawCell.FromText(dto.Insurance);
            cells[(int)RosterColumn.County] = RawCell.FromText(dto.County);
            // An all-null element is returned too: the checker answers it with EMPTY_ROW rather than dropping it unseen.
            return new RawRosterRow(_row, cells);
        }

        return (RawRosterRow?)null;
    });

    private async ValueTask<bool> MoveNextAsync()
    {
        try
        {
            return await _rows.MoveNextAsync();
        }
        catch (JsonException ex) when (RosterJson.IsDuplicateKey(ex))
        {
            var row = RowOf(ex);
            throw new RosterFileException(RosterFileErrorCodes.DuplicateKey,
                $"第 {row} 行（JSON 数组第 {row} 个元素）中有重复的键，无法确定哪一个值有效：每个字段只能出现一次", inner: ex);
        }
        catch (JsonException ex)
        {
            var row = RowOf(ex);
            throw new RosterFileException(RosterFileErrorCodes.UnreadableFile,
                $"第 {row} 行（JSON 数组第 {row} 个元素）不是有效的名单行：应为字段均为字符串的 JSON 对象", inner: ex);
        }
    }

    /// <summary>The 1-based element the error is in, from its path (<c>$[41].name</c>): the enumerator reads ahead of <see cref="_row"/>.</summary>
    private int RowOf(JsonException ex) =>
        ex.Path is { } path && path.StartsWith("$[", StringComparison.Ordinal) && path.IndexOf(']', StringComparison.Ordinal) is > 2 and var end
        && int.TryParse(path.AsSpan(2, end - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? index + 1
            : _row + 1;

    public async ValueTask DisposeAsync()
    {
        await _rows.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
