namespace MedicalAssistance.Contracts.Beneficiaries;

/// <summary>A change to an earlier result (late claim, reversal, identity change): the amount's difference and why, in Chinese.</summary>
public sealed record BeneficiaryAdjustment(DateOnly Date, string ClaimId, decimal Difference, string ReasonZh);
