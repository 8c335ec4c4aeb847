using MedicalAssistance.Functions.Hosting;

namespace MedicalAssistance.Functions.Housekeeping;

/// <summary>Configuration section <c>Housekeeping</c>.</summary>
public sealed class HousekeepingOptions
{
    public const string Section = "Housekeeping";

    /// <summary>Blob-arrival receipts older than this are deleted. The scanner's watermark already skips such old blobs.</summary>
    public int ReceiptRetentionDays { get; set; } = 90;
}

/// <summary>
/// Timer <c>housekeeping</c> (daily, 03:30 in the timers' time zone): deletes blob-arrival receipts older than
/// <see cref="HousekeepingOptions.ReceiptRetentionDays"/>, so table <c>blobreceipts</c> grows with recent arrivals only.
/// Idempotent: a second run the same day finds nothing left to delete.
/// </summary>
public sealed partial class ReceiptHousekeeping(BlobReceipts receipts, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<HousekeepingOptions> options, ILogger<ReceiptHousekeeping> logger) : ITimerFunction
{
    public const string Name = "housekeeping";
    public const string Schedule = "0 30 3 * * *";

    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-options.Value.ReceiptRetentionDays);
        var deleted = await receipts.DeleteEnqueuedBeforeAsync(cutoff, cancellationToken);
        LogDeleted(logger, deleted, cutoff);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Housekeeping: deleted {Count} blob-arrival receipt(s) enqueued before {Cutoff:o}")]
    private static partial void LogDeleted(ILogger logger, int count, DateTimeOffset cutoff);
}

public static class HousekeepingRegistration
{
    public static IServiceCollection AddHousekeeping(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HousekeepingOptions>(configuration.GetSection(HousekeepingOptions.Section));
        return services.AddTimerFunction<ReceiptHousekeeping>(ReceiptHousekeeping.Name, ReceiptHousekeeping.Schedule);
    }
}
