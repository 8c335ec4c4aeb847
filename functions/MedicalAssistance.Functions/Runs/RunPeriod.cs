using System.Globalization;
using MedicalAssistance.Functions.Calendar;

namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// The period a run is for: a month (<c>yyyy-MM</c>) or a year (<c>yyyy</c>), as calendar dates in Asia/Shanghai
/// (<see cref="ChinaTime"/>). A period is closed once its last day has ended in China.
/// </summary>
public readonly record struct RunPeriod(int Year, int? Month)
{
    public DateOnly FirstDay => new(Year, Month ?? 1, 1);

    /// <summary>The first day after the period.</summary>
    public DateOnly End => Month is null ? FirstDay.AddYears(1) : FirstDay.AddMonths(1);

    public bool Contains(DateOnly date) => date >= FirstDay && date < End;

    /// <summary>Whether the period has ended in Asia/Shanghai at <paramref name="now"/>.</summary>
    public bool IsClosedAt(DateTimeOffset now) => ChinaTime.DateOf(now) >= End;

    /// <summary>The month key of the claims tables (<c>yyyyMM</c>).</summary>
    public string MonthKey => FirstDay.ToString("yyyyMM", CultureInfo.InvariantCulture);

    public RunPeriod NextMonth() => Of(FirstDay.AddMonths(1));

    public override string ToString() => Month is { } m
        ? string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{m:D2}")
        : Year.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The month that contains <paramref name="date"/>.</summary>
    public static RunPeriod Of(DateOnly date) => new(date.Year, date.Month);

    /// <summary>The month before the one <paramref name="instant"/> falls in, in China: what a scheduled monthly run is for.</summary>
    public static RunPeriod MonthBefore(DateTimeOffset instant) => Of(ChinaTime.DateOf(instant).AddMonths(-1));

    public static bool TryParse(string? text, out RunPeriod period)
    {
        period = default;
        if (text is { Length: 4 } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 2000)
        {
            period = new RunPeriod(year, null);
            return true;
        }

        if (text is { Length: 7 } && text[4] == '-'
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out year) && year >= 2000
            && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
        {
            period = new RunPeriod(year, month);
            return true;
        }

        return false;
    }

    public static RunPeriod Parse(string text) => TryParse(text, out var period)
        ? period
        : throw new FormatException($"'{text}' is not a period (yyyy-MM or yyyy).");
}
