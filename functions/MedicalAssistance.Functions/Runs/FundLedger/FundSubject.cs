namespace MedicalAssistance.Functions.Runs.FundLedger;

/// <summary>An accounting subject and detail account of the fund ledger.</summary>
public sealed record FundSubject(string Code, string Detail, string NameZh);
