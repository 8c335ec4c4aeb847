namespace MedicalAssistance.Hosting.Timers;

internal static partial class RunsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Run {Timer} ({Period}) requested by {Caller} completed")]
    public static partial void Completed(ILogger logger, string timer, string? period, string caller);
}
