using System.Globalization;

namespace MedicalAssistance.Functions.Runs;

/// <summary>How the runs' reports write a value in a CSV cell: money to the fen (0.01, away from zero), dates as yyyy-MM-dd, numbers invariant.</summary>
public static class RunCells
{
    public static string Money(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The CSV text of a cell of <see cref="RunTableWriter"/>: decimal as money, int, DateOnly, text; null as empty.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        decimal d => Money(d),
        int i => i.ToString(CultureInfo.InvariantCulture),
        DateOnly date => Date(date),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
