namespace MedicalAssistance.Contracts.Beneficiaries;

/// <summary>A natural year's totals of the person's claims (救助年度合计).</summary>
public sealed record BeneficiaryYearTotal(int Year, decimal SelfPay, decimal Assistance, decimal Tilted, decimal Secondary, decimal? CapRemaining);
