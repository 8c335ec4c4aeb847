namespace MedicalAssistance.Contracts.Beneficiaries;

/// <summary>
/// A short-lived signed beneficiary token: sent as <c>Authorization: Bearer {Token}</c> with the portal key on every
/// beneficiary route, which then serves only this person.
/// </summary>
public sealed record BeneficiaryToken(string Token, DateTimeOffset ExpiresAt, string MaskedIdNumber);
