namespace MedicalAssistance.Functions.Runs.FundLedger;

/// <summary>A subject's debit and credit totals of a county's books for a period.</summary>
public sealed record TrialBalanceRow(string Profile, FundSubject Subject, decimal Debit, decimal Credit);
