using MedicalAssistance.Functions.Beneficiaries.Tokens;

namespace MedicalAssistance.Functions.Beneficiaries;

public static class BeneficiaryAuthorization
{
    internal static readonly object PrincipalItem = new();

    /// <summary>The signed-in beneficiary of a function marked <see cref="BeneficiaryAttribute"/>.</summary>
    public static BeneficiaryPrincipal GetBeneficiary(this HttpContext context) =>
        context.Items[PrincipalItem] as BeneficiaryPrincipal ?? throw new InvalidOperationException("The function is not marked [Beneficiary].");
}
