namespace MedicalAssistance.Policy.Settlement;

/// <summary>The date functions of scenario-format.md §4.4.</summary>
public static class PolicyDates
{
    public static DateOnly MonthEnd(DateOnly d) => new(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month));

    public static DateOnly FirstOfNextMonth(DateOnly d) => new DateOnly(d.Year, d.Month, 1).AddMonths(1);

    /// <summary>Same day one year earlier; 29 February becomes 28 February (Meizhou Art. 10, TX-1).</summary>
    public static DateOnly Minus12Months(DateOnly d) => d.AddYears(-1);

    /// <summary>
    /// Day number of <see cref="Minus12Months"/>. In year 1 the day a year earlier lies before the calendar; the first
    /// representable day stands for it, because no claim date can be earlier (a valid scenario must not crash).
    /// </summary>
    public static int Minus12MonthsDayNumber(DateOnly d) => d.Year == 1 ? DateOnly.MinValue.DayNumber : Minus12Months(d).DayNumber;

    /// <summary>
    /// Day number of <see cref="FirstOfNextMonth"/>. After December 9999 there is no next month, so the result is
    /// <see cref="int.MaxValue"/>: a window starting there never opens for any representable claim date.
    /// </summary>
    public static int FirstOfNextMonthDayNumber(DateOnly d) => d.Year == 9999 && d.Month == 12 ? int.MaxValue : FirstOfNextMonth(d).DayNumber;

    /// <summary>Age in completed years on a date.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly on)
    {
        var age = on.Year - birthDate.Year;
        if (on.Month < birthDate.Month || (on.Month == birthDate.Month && on.Day < birthDate.Day))
        {
            age--;
        }

        return age;
    }
}
