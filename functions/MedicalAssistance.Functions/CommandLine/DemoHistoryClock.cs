using MedicalAssistance.Functions.Calendar;

namespace MedicalAssistance.Functions.CommandLine;

/// <summary>
/// The clock <c>seed-demo</c> loads the demo data by: 10:00 China time on the 10th of last month, moving on with real time.
/// The demo rosters are then pushed, and their enrolments registered, in a month that has ended, so that a newcomer can run
/// last month's monthly-enrolment-list (which lists what was registered in its month, and opens once the month is over) and
/// see the insurer's list of the demo people. Only seed-demo uses it; the hosts it leaves behind run on the real clock.
/// </summary>
internal sealed class DemoHistoryClock(TimeProvider real, DateTimeOffset start) : TimeProvider
{
    private readonly long _started = real.GetTimestamp();

    public static DemoHistoryClock LastMonth(TimeProvider real)
    {
        var today = ChinaTime.DateOf(real.GetUtcNow());
        var tenth = new DateOnly(today.Year, today.Month, 10).AddMonths(-1);
        return new DemoHistoryClock(real, new DateTimeOffset(tenth.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)));
    }

    public override DateTimeOffset GetUtcNow() => start.ToUniversalTime() + real.GetElapsedTime(_started);

    public override long GetTimestamp() => real.GetTimestamp();

    public override long TimestampFrequency => real.TimestampFrequency;
}
