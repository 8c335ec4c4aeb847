using MedicalAssistance.Functions.Beneficiaries.Tokens;

namespace MedicalAssistance.Functions.Beneficiaries.SignIn;

/// <summary>What a code request came to: accepted (code sent if the details match), or too many requests for this ID number.</summary>
public sealed record CodeRequestResult(bool Accepted, TimeSpan RetryAfter)
{
    public static CodeRequestResult Sent { get; } = new(true, TimeSpan.Zero);
}

/// <summary>A verified code: the new token and the person's masked ID number; or null when the code was not accepted.</summary>
public sealed record SignInResult(BeneficiaryPrincipal Principal, string Token, string MaskedIdNumber);
