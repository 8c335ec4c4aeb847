using System.Security.Cryptography;
using System.Text;
using MedicalAssistance.Functions.Persons;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Beneficiaries.Tokens;

/// <summary>
/// Keys of the sign-in, derived from <c>Security:PersonKeySecret</c> with HKDF-SHA256 and a purpose label each, so no new
/// secret has to be distributed and a token key can never be used as a person key.
/// </summary>
public sealed class BeneficiarySecrets
{
    public BeneficiarySecrets(IOptions<PersonSecurityOptions> options)
    {
        var secret = options.Value.PersonKeySecret;
        ArgumentException.ThrowIfNullOrWhiteSpace(secret, "Security:PersonKeySecret");
        var master = Encoding.UTF8.GetBytes(secret);
        TokenKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: Encoding.UTF8.GetBytes("beneficiary-token|v1"));
        CodeKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: Encoding.UTF8.GetBytes("signin-code|v1"));
    }

    /// <summary>Signs beneficiary tokens (HMAC-SHA256).</summary>
    public byte[] TokenKey { get; }

    /// <summary>Hashes one-time codes before they are stored (HMAC-SHA256).</summary>
    public byte[] CodeKey { get; }
}
