using System.Globalization;
using System.Text.Json;

namespace MedicalAssistance.Functions.Calendar;

/// <summary>
/// China's working days: Monday to Friday, minus public holidays, plus the weekend days the State Council makes working days
/// (调休上班). The holiday data is embedded (<c>china-working-days.json</c>) for the years the notices cover; a date outside
/// them is an error, never a guess, because a wrong working day silently moves every statutory deadline.
/// </summary>
public sealed class WorkingDayCalendar
{
    private const string ResourceName = "MedicalAssistance.Functions.Calendar.china-working-days.json";

    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _adjustedWorkingDays;

    private WorkingDayCalendar(IReadOnlyCollection<int> years, HashSet<DateOnly> holidays, HashSet<DateOnly> adjustedWorkingDays)
    {
        FirstYear = years.Min();
        LastYear = years.Max();
        _holidays = holidays;
        _adjustedWorkingDays = adjustedWorkingDays;
    }

    /// <summary>The calendar built from the embedded State Council data.</summary>
    public static WorkingDayCalendar China { get; } = LoadEmbedded();

    public int FirstYear { get; }
    public int LastYear { get; }

    public bool IsWorkingDay(DateOnly date)
    {
        EnsureCovered(date);
        if (_adjustedWorkingDays.Contains(date))
        {
            return true;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(date);
    }

    /// <summary>
    /// The <paramref name="workingDays"/>-th working day after <paramref name="date"/> (the day itself does not count):
    /// "within 2 working days of receipt" on a Friday before a normal weekend is the following Tuesday.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        EnsureCovered(date);
        var current = date;
        var remaining = workingDays;
        while (remaining > 0)
        {
            current = current.AddDays(1);
            if (IsWorkingDay(current))
            {
                remaining--;
            }
        }

        return current;
    }

    private void EnsureCovered(DateOnly date)
    {
        if (date.Year < FirstYear || date.Year > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date,
                $"The working-day calendar covers {FirstYear}–{LastYear} only (State Council holiday notices); "
                + $"add the holidays and adjusted working days of {date.Year} to Calendar/china-working-days.json.");
        }
    }

    private static WorkingDayCalendar LoadEmbedded()
    {
        using var stream = typeof(WorkingDayCalendar).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var document = JsonDocument.Parse(stream);
        var years = new List<int>();
        var holidays = new HashSet<DateOnly>();
        var working = new HashSet<DateOnly>();
        foreach (var year in document.RootElement.GetProperty("years").EnumerateObject())
        {
            years.Add(int.Parse(year.Name, CultureInfo.InvariantCulture));
            foreach (var range in year.Value.GetProperty("holidays").EnumerateArray())
            {
                var first = Parse(range[0]);
                var last = Parse(range[1]);
                for (var d = first; d <= last; d = d.AddDays(1))
                {
                    holidays.Add(d);
                }
            }

            foreach (var day in year.Value.GetProperty("adjustedWorkingDays").EnumerateArray())
            {
                working.Add(Parse(day));
            }
        }

        return new WorkingDayCalendar(years, holidays, working);
    }

    private static DateOnly Parse(JsonElement element) =>
        DateOnly.ParseExact(element.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
