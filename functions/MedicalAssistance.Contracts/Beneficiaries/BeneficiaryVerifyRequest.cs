namespace MedicalAssistance.Contracts.Beneficiaries;

/// <summary><c>POST /api/beneficiaries/verify</c>: the ID number signed in with and the 6-digit code the SMS carried.</summary>
public sealed record BeneficiaryVerifyRequest(string? IdNumber, string? Code);
