using System.Globalization;

namespace MedicalAssistance.Functions.Rosters.Reading;

/// <summary>How a spreadsheet stored a cell. CSV and JSON cells are always <see cref="Text"/>.</summary>
public enum RawCellKind
{
    Text,
    /// <summary>An XLSX numeric cell: an ID number stored this way has lost digits.</summary>
    Number,
    /// <summary>An XLSX cell with a date format; <see cref="RawCell.Text"/> is <c>yyyy-MM-dd</c>.</summary>
    Date,
}

/// <summary>One cell as read, before validation.</summary>
public readonly record struct RawCell(string Text, RawCellKind Kind)
{
    public static readonly RawCell Empty = new(string.Empty, RawCellKind.Text);

    public bool IsEmpty => string.IsNullOrWhiteSpace(Text);

    public static RawCell FromText(string? text) => new(text?.Trim() ?? string.Empty, RawCellKind.Text);

    public static RawCell FromNumber(double value) => new(value.ToString("R", CultureInfo.InvariantCulture), RawCellKind.Number);

    public static RawCell FromDate(DateTime value) => new(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), RawCellKind.Date);

    // Cells may hold an ID number: never print them.
    public override string ToString() => $"RawCell {{ Kind = {Kind}, Length = {Text.Length} }}";
}

/// <summary>A data row of a roster file, its cells by <see cref="RosterColumn"/>.</summary>
/// <param name="Row">The row number a clerk sees (header = row 1 in CSV and XLSX; for JSON rows the 1-based position).</param>
public sealed record RawRosterRow(int Row, RawCell[] Cells)
{
    public RawCell this[RosterColumn column] => Cells[(int)column];

    public bool IsBlank => Cells.All(c => c.IsEmpty);

    public override string ToString() => $"RawRosterRow {{ Row = {Row} }}";
}
