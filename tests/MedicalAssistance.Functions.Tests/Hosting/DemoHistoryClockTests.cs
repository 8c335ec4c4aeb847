using MedicalAssistance.Functions.CommandLine;
using Microsoft.Extensions.Time.Testing;

namespace MedicalAssistance.Functions.Tests.Hosting;

/// <summary>seed-demo's clock: the 10th of last month in China, 10:00, moving on with real time (so last month's lists have the demo).</summary>
public sealed class DemoHistoryClockTests
{
    [Theory]
    [InlineData("2026-12-02T03:00:00+08:00", "2026-11-10T10:00:00+08:00")]
    [InlineData("2027-01-01T00:30:00+08:00", "2026-12-10T10:00:00+08:00")] // just after midnight in China, still 31 December in UTC
    [InlineData("2027-03-31T23:00:00+08:00", "2027-02-10T10:00:00+08:00")]
    public void Starts_on_the_tenth_of_last_month_in_china_and_moves_with_real_time(string now, string expected)
    {
        var real = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        var clock = DemoHistoryClock.LastMonth(real);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), clock.GetUtcNow());
        real.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).AddMinutes(3), clock.GetUtcNow());
    }
}
