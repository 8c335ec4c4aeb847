namespace MedicalAssistance.Functions.Runs.FundLedger;

/// <summary>借 (debit) or 贷 (credit).</summary>
public static class JournalSide
{
    public const string Debit = "debit";
    public const string Credit = "credit";
}
