using System.Text.RegularExpressions;
using Cronos;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedicalAssistance.Hosting.Timers;

/// <summary>A function run on a schedule, by hand (<c>run &lt;timer&gt;</c>) or over HTTP (<c>POST /api/runs/{name}</c>). Host-agnostic.</summary>
/// <remarks>Must be idempotent by its period: a run repeated for the same period must not repeat its effects.</remarks>
public interface ITimerFunction
{
    Task RunAsync(TimerInfo timer, CancellationToken cancellationToken);
}

/// <summary>One invocation of a timer function.</summary>
/// <param name="ScheduledAt">The occurrence being run, in the timers' time zone (for a manual run: when it was started).</param>
/// <param name="IsPastDue">The occurrence was missed (every host was down or busy) and runs late.</param>
/// <param name="Period">The period asked for by a manual run (<c>yyyy-MM</c> or <c>yyyy</c>); null for scheduled runs.</param>
public sealed record TimerInfo(string Name, DateTimeOffset ScheduledAt, bool IsPastDue, string? Period);

public sealed record TimerRegistration(string Name, string Schedule, CronExpression Cron, string FunctionName,
    Func<IServiceProvider, TimerInfo, CancellationToken, Task> Invoke);

public static partial class TimerFunctions
{
    /// <summary>
    /// Registers <typeparamref name="TFunction"/> as timer <paramref name="name"/> on a 6-field NCRONTAB
    /// <paramref name="schedule"/> (<c>second minute hour day month day-of-week</c>) read in <c>Hosting:Timers:TimeZone</c>.
    /// </summary>
    public static IServiceCollection AddTimerFunction<TFunction>(this IServiceCollection services, string name, string schedule)
        where TFunction : class, ITimerFunction
    {
        if (!TimerNamePattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid timer name (lower-case letters, digits and hyphens).", nameof(name));
        }

        CronExpression cron;
        try
        {
            cron = CronExpression.Parse(schedule, CronFormat.IncludeSeconds);
        }
        catch (CronFormatException ex)
        {
            throw new ArgumentException($"Timer '{name}': '{schedule}' is not a 6-field NCRONTAB schedule: {ex.Message}", nameof(schedule), ex);
        }

        services.TryAddScoped<TFunction>();
        services.AddSingleton(new TimerRegistration(name, schedule, cron, typeof(TFunction).Name,
            (provider, info, ct) => provider.GetRequiredService<TFunction>().RunAsync(info, ct)));
        return services;
    }

    /// <summary>A manual run's period: <c>yyyy-MM</c> (monthly runs) or <c>yyyy</c> (yearly runs).</summary>
    public static bool IsValidPeriod(string period) => PeriodPattern().IsMatch(period);

    /// <summary>
    /// Whether a valid <paramref name="period"/> has ended at <paramref name="now"/> in <paramref name="zone"/> (the timers' time
    /// zone, Asia/Shanghai): a run settles a period only once nothing more can happen in it.
    /// </summary>
    public static bool IsClosedPeriod(string period, DateTimeOffset now, TimeZoneInfo zone)
    {
        var year = int.Parse(period.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);
        var end = period.Length == 4 ? new DateTime(year + 1, 1, 1) : new DateTime(year, int.Parse(period.AsSpan(5, 2), System.Globalization.CultureInfo.InvariantCulture), 1).AddMonths(1);
        return TimeZoneInfo.ConvertTime(now, zone).DateTime >= end;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TimerNamePattern();

    [GeneratedRegex(@"^\d{4}(-(0[1-9]|1[0-2]))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
