namespace MedicalAssistance.Policy.Settlement;

/// <summary>The date functions of scenario-format.md §4.4.</summary>
public static class PolicyDates
{
    public static DateOnly MonthEnd(DateOnly d) => new(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month));

    public static DateOnly FirstOfNextMonth(DateOnly d) => new DateOnly(d.Year, d.Month, 1).AddMonths(1);

    /// <summary>Same day one year earlier; 29 February becomes 28 February (Meizhou Art. 10, TX-1).</summary>
    public static DateOnly Minus12Months(DateOnly d) => d.AddYears(-1);

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
