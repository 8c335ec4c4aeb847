namespace MedicalAssistance.Contracts.Reimbursements;

/// <summary>One stored material: its kind (<c>invoice</c>, <c>dischargeSummary</c>, <c>expenseList</c>), type, size and (staff) download path.</summary>
public sealed record ReimbursementMaterial(int Index, string Kind, string FileName, string ContentType, long Size, string DownloadPath);
