namespace MedicalAssistance.Hosting.Timers;

internal static partial class TimerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Timer} ({Function}): schedule '{Schedule}' in {TimeZone}; next occurrences: {Next}")]
    public static partial void Scheduled(ILogger logger, string timer, string function, string schedule, string timeZone, string next);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Timer}: running occurrence {ScheduledAt:o} (past due: {IsPastDue}, period: {Period})")]
    public static partial void Running(ILogger logger, string timer, DateTime scheduledAt, bool isPastDue, string? period);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Timer}: completed; next occurrence {Next:o}")]
    public static partial void Completed(ILogger logger, string timer, DateTimeOffset? next);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Timer} failed")]
    public static partial void Failed(ILogger logger, string timer, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Timer}: another instance holds its lease; not running here")]
    public static partial void Busy(ILogger logger, string timer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {Timer}: checking the schedule failed; trying again at the next occurrence")]
    public static partial void CheckFailed(ILogger logger, string timer, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the timer lease {Lease}")]
    public static partial void LeaseRenewFailed(ILogger logger, string lease, Exception exception);
}
