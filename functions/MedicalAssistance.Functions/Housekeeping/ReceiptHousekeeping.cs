using MedicalAssistance.Hosting.BlobArrivals;

namespace MedicalAssistance.Functions.Housekeeping;

/// <summary>
/// What timer <c>housekeeping</c> does (<see cref="HousekeepingFunctions"/>; daily, 03:30 in the timers' time zone): deletes blob-arrival receipts older than
/// <see cref="HousekeepingOptions.ReceiptRetentionDays"/>, so table <c>blobreceipts</c> grows with recent arrivals only.
/// Idempotent: a second run the same day finds nothing left to delete.
/// </summary>
public sealed partial class ReceiptHousekeeping(BlobReceipts receipts, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<HousekeepingOptions> options, ILogger<ReceiptHousekeeping> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-options.Value.ReceiptRetentionDays);
        var deleted = await receipts.DeleteEnqueuedBeforeAsync(cutoff, cancellationToken);
        LogDeleted(logger, deleted, cutoff);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Housekeeping: deleted {Count} blob-arrival receipt(s) enqueued before {Cutoff:o}")]
    private static partial void LogDeleted(ILogger logger, int count, DateTimeOffset cutoff);
}
