namespace MedicalAssistance.Contracts.Beneficiaries;

/// <summary><c>POST /api/beneficiaries/login</c>: who wants to sign in (身份证号 and 姓名 as on the roster).</summary>
public sealed record BeneficiaryLoginRequest(string? IdNumber, string? Name);
