using MedicalAssistance.Functions.Calendar;

namespace MedicalAssistance.Functions.Tests.Calendar;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar China = WorkingDayCalendar.China;

    [Fact]
    public void National_day_2025_is_eight_days_off_with_two_adjusted_working_weekend_days()
    {
        for (var d = new DateOnly(2025, 10, 1); d <= new DateOnly(2025, 10, 8); d = d.AddDays(1))
        {
            Assert.False(China.IsWorkingDay(d), d.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.True(China.IsWorkingDay(new DateOnly(2025, 9, 28)));  // Sunday, 调休上班
        Assert.True(China.IsWorkingDay(new DateOnly(2025, 10, 11))); // Saturday, 调休上班
        Assert.True(China.IsWorkingDay(new DateOnly(2025, 10, 9)));
        Assert.False(China.IsWorkingDay(new DateOnly(2025, 10, 12))); // ordinary Sunday
    }

    [Fact]
    public void Spring_festival_2024_has_working_sundays_on_both_sides()
    {
        Assert.True(China.IsWorkingDay(new DateOnly(2024, 2, 4)));
        Assert.True(China.IsWorkingDay(new DateOnly(2024, 2, 18)));
        Assert.False(China.IsWorkingDay(new DateOnly(2024, 2, 12))); // Monday in the holiday
        Assert.False(China.IsWorkingDay(new DateOnly(2024, 2, 3)));  // ordinary Saturday
    }

    [Fact]
    public void Year_2026_follows_the_notice_published_in_november_2025()
    {
        Assert.False(China.IsWorkingDay(new DateOnly(2026, 1, 2)));
        Assert.True(China.IsWorkingDay(new DateOnly(2026, 1, 4)));
        Assert.False(China.IsWorkingDay(new DateOnly(2026, 2, 16)));
        Assert.True(China.IsWorkingDay(new DateOnly(2026, 2, 14)));
        Assert.True(China.IsWorkingDay(new DateOnly(2026, 2, 28)));
        Assert.True(China.IsWorkingDay(new DateOnly(2026, 9, 20)));
        Assert.True(China.IsWorkingDay(new DateOnly(2026, 10, 10)));
        Assert.False(China.IsWorkingDay(new DateOnly(2026, 10, 7)));
    }

    [Theory]
    [InlineData("2025-09-26", 2, "2025-09-29")] // Friday + 2 working days: Sunday 28th (adjusted) and Monday 29th
    [InlineData("2025-09-30", 2, "2025-10-10")] // across the national day holiday
    [InlineData("2025-09-30", 5, "2025-10-14")] // Sat 11th is a working day
    [InlineData("2025-03-07", 2, "2025-03-11")] // ordinary weekend
    [InlineData("2025-03-07", 0, "2025-03-07")]
    [InlineData("2024-12-31", 2, "2025-01-03")] // across the year end and New Year's day
    public void AddWorkingDays_counts_only_working_days_after_the_date(string from, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            China.AddWorkingDays(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), days));

    [Fact]
    public void Dates_outside_the_data_are_an_error_that_names_the_file()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => China.IsWorkingDay(new DateOnly(2027, 3, 1)));
        Assert.Contains("china-working-days.json", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => China.AddWorkingDays(new DateOnly(2026, 12, 31), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => China.IsWorkingDay(new DateOnly(2023, 12, 29)));
    }
}
