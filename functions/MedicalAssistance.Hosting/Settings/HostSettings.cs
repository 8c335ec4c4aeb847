using MedicalAssistance.Hosting.BlobArrivals;

namespace MedicalAssistance.Hosting.Settings;

/// <summary>Azure Functions' <c>extensions.queues</c> settings, plus two of our own (<c>Hosting:Queues</c>).</summary>
/// <param name="BatchSize">Messages fetched at once and the most handled concurrently per queue (1-32; Azure's default 16).</param>
/// <param name="NewBatchThreshold">Fetch more once no more than this many are still being handled (default half the batch, Azure's default on one core).</param>
/// <param name="MaxPollingInterval">Longest wait between polls of an empty queue; the wait doubles from <paramref name="MinPollingInterval"/>.</param>
/// <param name="VisibilityTimeout">How long a failed message stays invisible before its next attempt (Azure's default 0).</param>
/// <param name="MaxDequeueCount">Attempts before a message moves to <c>&lt;queue&gt;-poison</c> (Azure's default 5).</param>
/// <param name="MessageLease">How long a received message stays invisible (whole seconds); renewed every third of it while its handler runs.</param>
/// <param name="MinPollingInterval">First wait after an empty poll.</param>
public sealed record QueueSettings(
    int BatchSize,
    int NewBatchThreshold,
    TimeSpan MaxPollingInterval,
    TimeSpan VisibilityTimeout,
    int MaxDequeueCount,
    TimeSpan MessageLease,
    TimeSpan MinPollingInterval);

/// <summary>Timer settings (<c>Hosting:Timers</c>).</summary>
/// <param name="TimeZone">Time zone the NCRONTAB schedules are read in (default Asia/Shanghai).</param>
/// <param name="LeaseDuration">Blob lease that keeps a timer to one instance (15-60 s); renewed at a third of it while running.</param>
public sealed record TimerSettings(TimeZoneInfo TimeZone, TimeSpan LeaseDuration);

/// <summary>
/// What host.json (section <c>AzureFunctionsJobHost</c>) and the <c>Hosting</c> section say, read and checked once at start-up.
/// Unknown keys are ignored; a value of the wrong type stops start-up with a <see cref="HostSettingsException"/> naming the key.
/// </summary>
public sealed record HostSettings(
    TimeSpan FunctionTimeout,
    QueueSettings Queues,
    TimerSettings Timers,
    TimeSpan ShutdownTimeout,
    TimeSpan BlobScanInterval,
    bool BlobScanEnabled,
    bool ConsoleTelemetry)
{
    public const string HostingSection = "Hosting";

    public static HostSettings Read(IConfiguration configuration)
    {
        var host = new SettingsReader(configuration, HostJson.Section, "host.json ");
        var hosting = new SettingsReader(configuration, HostingSection, "configuration Hosting:");

        var batchSize = host.Int("extensions:queues:batchSize", 16, 1, 32);
        var minPolling = hosting.Duration("Queues:MinPollingInterval", TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        var queues = new QueueSettings(
            batchSize,
            host.Int("extensions:queues:newBatchThreshold", batchSize / 2, 0, 1000),
            host.Duration("extensions:queues:maxPollingInterval", TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1)),
            host.Duration("extensions:queues:visibilityTimeout", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromDays(7)),
            host.Int("extensions:queues:maxDequeueCount", 5, 1, 1000),
            hosting.Duration("Queues:MessageLease", TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(3), TimeSpan.FromDays(7)),
            minPolling);

        var zoneId = hosting.String("Timers:TimeZone") ?? "Asia/Shanghai";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            throw hosting.Wrong("Timers:TimeZone", zoneId, "a time zone id such as Asia/Shanghai");
        }

        var timers = new TimerSettings(zone, hosting.Duration("Timers:LeaseDuration", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60)));

        ValidateLogLevels(configuration, host);
        return new HostSettings(
            host.Duration("functionTimeout", TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
            queues,
            timers,
            hosting.Duration("ShutdownTimeout", TimeSpan.FromSeconds(25), TimeSpan.Zero, TimeSpan.FromMinutes(10)),
            hosting.Duration("BlobArrivals:ScanInterval", TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1)),
            hosting.Bool("BlobArrivals:Scan", true),
            hosting.Bool("Telemetry:Console", false));
    }

    private static void ValidateLogLevels(IConfiguration configuration, SettingsReader host)
    {
        foreach (var category in configuration.GetSection(HostJson.Section + ":logging:logLevel").GetChildren())
        {
            var key = "logging:logLevel:" + category.Key;
            var level = host.Scalar(key);
            if (level is not null && !Enum.TryParse<LogLevel>(level, ignoreCase: true, out _))
            {
                throw host.Wrong(key, level, "a log level (Trace, Debug, Information, Warning, Error, Critical, None)");
            }
        }
    }
}
