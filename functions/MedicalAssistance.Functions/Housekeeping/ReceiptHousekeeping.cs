using MedicalAssistance.Hosting.BlobArrivals;
using MedicalAssistance.Hosting.Timers;

namespace MedicalAssistance.Functions.Housekeeping;

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
