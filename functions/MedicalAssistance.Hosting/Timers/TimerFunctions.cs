using System.Text.RegularExpressions;
using Cronos;
using MedicalAssistance.Hosting.Catalog;
using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Hosting.Timers;

/// <summary>A <c>[TimerTrigger]</c> function as the standalone host schedules it: its name, resolved schedule and how to run one occurrence.</summary>
public sealed record TimerRegistration(string Name, string Schedule, CronExpression Cron, string FunctionName,
    Func<IServiceProvider, TimerInfo, CancellationToken, Task> Invoke);

public static partial class TimerFunctions
{
    /// <summary>
    /// The timer of <paramref name="function"/>: its 6-field NCRONTAB schedule (<c>second minute hour day month day-of-week</c>,
    /// read in <c>Hosting:Timers:TimeZone</c>) resolved from the app settings it names.
    /// </summary>
    internal static TimerRegistration Register(FunctionDescriptor function, TimerFunctionTrigger trigger, IConfiguration configuration)
    {
        var name = function.Name;
        if (!TimerNamePattern().IsMatch(name))
        {
            throw new InvalidOperationException($"'{name}' is not a valid timer name (lower-case letters, digits and hyphens).");
        }

        var schedule = AppSettingReference.Resolve(trigger.Schedule, configuration, name);
        CronExpression cron;
        try
        {
            cron = CronExpression.Parse(schedule, CronFormat.IncludeSeconds);
        }
        catch (CronFormatException ex)
        {
            throw new InvalidOperationException($"Timer '{name}': '{schedule}' ({trigger.Schedule}) is not a 6-field NCRONTAB schedule: {ex.Message}", ex);
        }

        return new TimerRegistration(name, schedule, cron, function.Name,
            (provider, info, ct) => FunctionInvoker.InvokeAsync(function, provider, new FunctionInvocationInput(Timer: info), ct));
    }

    /// <summary>A manual run's period: <c>yyyy-MM</c> (monthly runs) or <c>yyyy</c> (yearly runs).</summary>
    public static bool IsValidPeriod(string period) => PeriodPattern().IsMatch(period);

    /// <summary>
    /// The first day after a valid period (<c>yyyy-MM</c> or <c>yyyy</c>), in the timers' zone (Asia/Shanghai): a run settles a
    /// period only once nothing more can happen in it.
    /// </summary>
    public static DateOnly DayAfter(string period)
    {
        var year = int.Parse(period.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);
        return period.Length == 4 ? new DateOnly(year + 1, 1, 1) : new DateOnly(year, int.Parse(period.AsSpan(5, 2), System.Globalization.CultureInfo.InvariantCulture), 1).AddMonths(1);
    }

    /// <summary>Today in <paramref name="zone"/>.</summary>
    public static DateOnly TodayIn(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TimerNamePattern();

    [GeneratedRegex(@"^\d{4}(-(0[1-9]|1[0-2]))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
