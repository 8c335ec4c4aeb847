namespace MedicalAssistance.Functions.Housekeeping;

/// <summary>Configuration section <c>Housekeeping</c>.</summary>
public sealed class HousekeepingOptions
{
    public const string Section = "Housekeeping";

    /// <summary>Blob-arrival receipts older than this are deleted. The scanner's watermark already skips such old blobs.</summary>
    public int ReceiptRetentionDays { get; set; } = 90;

    /// <summary>The timer's 6-field NCRONTAB schedule (app setting <c>Housekeeping:Schedule</c>, read by the trigger of both hosts).</summary>
    public string Schedule { get; set; } = "0 30 3 * * *";
}
