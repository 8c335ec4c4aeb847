namespace MedicalAssistance.Functions.Beneficiaries;

/// <summary>
/// The function serves a signed-in beneficiary: a valid token in <c>Authorization: Bearer …</c> (checked by
/// <see cref="BeneficiaryGuard"/>, after the portal key). The token's person is the only person the function may serve.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BeneficiaryAttribute : Attribute;
