using System.Text.Json;
using MedicalAssistance.Contracts.Rosters;

namespace MedicalAssistance.Functions.Rosters.Reading;

/// <summary>
/// The rows of an HTTP JSON push, stored as a top-level JSON array of <see cref="RosterRowDto"/> and streamed back one
/// element at a time. Row numbers are 1-based positions in the array.
/// </summary>
internal sealed class JsonRowSource : IRosterRowSource
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

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
        while (await _rows.MoveNextAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            _row++;
            if (_rows.Current is not { } dto)
            {
                continue;
            }

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
            var row = new RawRosterRow(_row, cells);
            if (!row.IsBlank)
            {
                return row;
            }
        }

        return (RawRosterRow?)null;
    });

    public async ValueTask DisposeAsync()
    {
        await _rows.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
