namespace MedicalAssistance.Functions.Housekeeping;

/// <summary>Configuration section <c>Housekeeping</c>.</summary>
public sealed class HousekeepingOptions
{
    public const string Section = "Housekeeping";

    /// <summary>Blob-arrival receipts older than this are deleted. The scanner's watermark already skips such old blobs.</summary>
    public int ReceiptRetentionDays { get; set; } = 90;
}
