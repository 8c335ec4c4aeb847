using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Rosters.Deadlines;

namespace MedicalAssistance.Functions.Tests.Rosters.Deadlines;

public sealed class RosterDeadlinesTests
{
    private static readonly RosterDeadlines Deadlines = new();

    private static Department Dept(string code) => DemoDepartments.All.Single(d => d.Code == code);

    // Times are UTC: 2025-03-15T16:30Z is already 2025-03-16 00:30 in Shanghai.
    [Theory]
    [InlineData("tumxuk-rural", "2025-03-15T15:59:00Z", false, "2025-03-15")]
    [InlineData("tumxuk-rural", "2025-03-15T16:30:00Z", true, "2025-03-16")]
    [InlineData("tumxuk-union", "2025-03-10T02:00:00Z", false, "2025-03-15")] // after the 5th (Art. 19) but by the 15th (Art. 8): not overdue (TX-4)
    [InlineData("tumxuk-union", "2025-03-16T02:00:00Z", true, "2025-03-15")]
    [InlineData("baoshan-civil", "2025-04-10T10:00:00Z", false, "2025-04-10")]
    [InlineData("baoshan-union", "2025-04-11T01:00:00Z", true, "2025-04-10")]
    [InlineData("meizhou-civil", "2025-06-25T15:00:00Z", false, "2025-06-25")]
    [InlineData("meizhou-rural", "2025-06-26T01:00:00Z", true, "2025-06-25")]
    public void Monthly_deadlines_per_profile_and_department_kind(string code, string receivedAt, bool late, string deadlineInMonth)
    {
        var check = Deadlines.Check(Dept(code), DateTimeOffset.Parse(receivedAt, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(late, check.Late);
        var expected = DateOnly.Parse(deadlineInMonth, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new DateOnly(expected.Year, expected.Month, check.Deadline!.Value.Day), check.Deadline);
        Assert.False(string.IsNullOrEmpty(check.Rule));
    }

    [Fact]
    public void The_date_that_counts_is_the_arrival_date_in_shanghai()
    {
        // 2025-03-15 23:30 UTC is the 16th in Shanghai: late for Tumxuk rural affairs.
        Assert.True(Deadlines.Check(Dept("tumxuk-rural"), new DateTimeOffset(2025, 3, 15, 23, 30, 0, TimeSpan.Zero)).Late);
        Assert.Equal(new DateOnly(2025, 3, 15), Deadlines.Check(Dept("tumxuk-rural"), new DateTimeOffset(2025, 3, 15, 23, 30, 0, TimeSpan.Zero)).Deadline);
    }

    [Theory]
    [InlineData("jieyang-civil")]
    [InlineData("innermongolia-civil")]
    [InlineData("tumxuk-civil")]
    public void Profiles_without_a_day_of_month_deadline_never_flag(string code)
    {
        var check = Deadlines.Check(Dept(code), new DateTimeOffset(2025, 3, 31, 10, 0, 0, TimeSpan.Zero));

        Assert.False(check.Late);
        Assert.Null(check.Deadline);
    }
}
