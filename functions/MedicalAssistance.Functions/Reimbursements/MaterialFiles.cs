namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>
/// What materials may be: JPG, PNG or PDF recognised by their first bytes (never by name or declared type), at most
/// <see cref="MaxBytes"/> each and <see cref="MaxFiles"/> per application, of the kinds a reviewer needs.
/// </summary>
public static class MaterialFiles
{
    public const int MaxFiles = 10;
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>Form field names: 发票, 出院小结, 费用清单.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["invoice", "dischargeSummary", "expenseList"];

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();

    /// <summary>The content type and extension the file's first bytes prove, or null for anything else.</summary>
    public static (string ContentType, string Extension)? Sniff(ReadOnlySpan<byte> head) =>
        head.StartsWith(Jpeg) ? ("image/jpeg", "jpg")
        : head.StartsWith(Png) ? ("image/png", "png")
        : head.StartsWith(Pdf) ? ("application/pdf", "pdf")
        : null;

    public static string NameOf(string kind) => kind switch
    {
        "invoice" => "发票",
        "dischargeSummary" => "出院小结",
        "expenseList" => "费用清单",
        _ => kind,
    };
}
