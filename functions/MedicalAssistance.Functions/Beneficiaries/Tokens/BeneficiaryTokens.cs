using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Beneficiaries.Tokens;

/// <summary>A valid beneficiary token's content: whose it is and until when.</summary>
public sealed record BeneficiaryPrincipal(string PersonKey, DateTimeOffset ExpiresAt);

/// <summary>
/// Short-lived signed beneficiary tokens: <c>v1.{personKey}.{expires unix seconds}.{base64url HMAC-SHA256}</c>. The person key is
/// pseudonymous (an HMAC of the ID number), so the token carries no personal data; it is valid only with its signature and
/// before its expiry.
/// </summary>
public sealed class BeneficiaryTokens(BeneficiarySecrets secrets, IOptions<BeneficiaryOptions> options, TimeProvider time)
{
    private const string Version = "v1";

    public BeneficiaryPrincipal Issue(string personKey, out string token)
    {
        var expires = time.GetUtcNow().Add(options.Value.TokenLifetime);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds());
        var payload = string.Create(CultureInfo.InvariantCulture, $"{Version}.{personKey}.{expiresAt.ToUnixTimeSeconds()}");
        token = payload + "." + Sign(payload);
        return new BeneficiaryPrincipal(personKey, expiresAt);
    }

    /// <summary>The token's person, or null when it is malformed, forged or expired.</summary>
    public BeneficiaryPrincipal? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 256)
        {
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != 4 || parts[0] != Version || parts[1].Length != 64 || !parts[1].All(char.IsAsciiHexDigitLower)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var payload = $"{parts[0]}.{parts[1]}.{parts[2]}";
        var expected = Encoding.ASCII.GetBytes(Sign(payload));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[3])))
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        return expiresAt > time.GetUtcNow() ? new BeneficiaryPrincipal(parts[1], expiresAt) : null;
    }

    private string Sign(string payload) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(secrets.TokenKey, Encoding.ASCII.GetBytes(payload)));
}
