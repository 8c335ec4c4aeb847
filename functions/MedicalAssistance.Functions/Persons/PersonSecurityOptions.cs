using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Persons;

/// <summary>
/// Secrets that protect persons' data (configuration section <c>Security</c>). Both are required: the host refuses to start
/// without them rather than store ID numbers under a guessable key.
/// </summary>
public sealed class PersonSecurityOptions
{
    public const string Section = "Security";

    /// <summary><c>Security:PersonKeySecret</c>: the HMAC secret that turns an ID number into the pseudonymous person key.</summary>
    public string? PersonKeySecret { get; set; }

    /// <summary><c>Security:IdEncryptionKey</c>: base64 of a 32-byte AES-256 key that encrypts ID numbers and names.</summary>
    public string? IdEncryptionKey { get; set; }

    /// <summary><c>Security:IdEncryptionKeyId</c>: the current key's id, stored with every ciphertext so keys can rotate.</summary>
    public string IdEncryptionKeyId { get; set; } = "k1";

    /// <summary><c>Security:PreviousIdEncryptionKeys:{id}</c>: retired keys (base64), still needed to decrypt older values.</summary>
    public Dictionary<string, string> PreviousIdEncryptionKeys { get; set; } = [];
}

internal sealed class PersonSecurityOptionsValidator : IValidateOptions<PersonSecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, PersonSecurityOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.PersonKeySecret) || options.PersonKeySecret.Length < 16)
        {
            failures.Add("Configuration 'Security:PersonKeySecret' is missing or shorter than 16 characters. It keys the pseudonymous "
                + "person key (HMAC-SHA256 of the ID number). Set it (environment variable Security__PersonKeySecret or Key Vault); "
                + "./run.sh generates a local one into .local/secrets.env.");
        }

        if (!IsAesKey(options.IdEncryptionKey))
        {
            failures.Add("Configuration 'Security:IdEncryptionKey' is missing or is not base64 of 32 bytes. It encrypts ID numbers "
                + "(AES-256-GCM). Set it (environment variable Security__IdEncryptionKey or Key Vault); ./run.sh generates a local one.");
        }

        failures.AddRange(options.PreviousIdEncryptionKeys.Where(k => !IsAesKey(k.Value))
            .Select(k => $"Configuration 'Security:PreviousIdEncryptionKeys:{k.Key}' is not base64 of 32 bytes."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsAesKey(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return false;
        }

        var buffer = new byte[64];
        return Convert.TryFromBase64String(base64, buffer, out var length) && length == 32;
    }
}
