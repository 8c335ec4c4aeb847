namespace MedicalAssistance.Functions.Calendar;

/// <summary>Dates as people in China see them: deadlines are calendar days in Asia/Shanghai, whatever the server's zone.</summary>
public static class ChinaTime
{
    /// <summary>Asia/Shanghai; China has had no daylight saving since 1991, so the fixed UTC+8 fallback is exact.</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
