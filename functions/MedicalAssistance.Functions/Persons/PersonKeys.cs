using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Persons;

/// <summary>
/// The pseudonymous person key: HMAC-SHA256 of the normalised ID number with a configured secret, as 64 lower-case hex digits.
/// It is stable (the same person always gets the same key) and reveals nothing without the secret.
/// </summary>
public sealed class PersonKeys
{
    private readonly byte[] _secret;

    public PersonKeys(IOptions<PersonSecurityOptions> options)
    {
        var secret = options.Value.PersonKeySecret;
        ArgumentException.ThrowIfNullOrWhiteSpace(secret, "Security:PersonKeySecret");
        _secret = Encoding.UTF8.GetBytes(secret);
    }

    public string KeyOf(IdNumber idNumber) => Hash(idNumber.Value);

    /// <summary>The table partition of a person: the first two hex digits of the key (256 buckets).</summary>
    public static string BucketOf(string personKey) => personKey[..2];

    /// <summary>Buckets: the person key's first byte as two hex digits.</summary>
    public const int BucketCount = 256;

    /// <summary>A keyed hash of any personal text (e.g. a name) to compare values without storing or decrypting them.</summary>
    public string Fingerprint(string text) => Hash("fingerprint|" + text.Trim());

    private string Hash(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(text)));
}
