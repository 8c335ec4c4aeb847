using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Persons;

/// <summary>
/// AES-256-GCM encryption of personal text (ID numbers, names). Each value gets its own random 96-bit nonce; the stored form is
/// <c>{keyId}:{base64(nonce | ciphertext | tag)}</c>, so a value encrypted under a retired key can still be read after rotation.
/// </summary>
public sealed class IdProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly string _currentKeyId;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public IdProtector(IOptions<PersonSecurityOptions> options)
    {
        var value = options.Value;
        if (!PersonSecurityOptionsValidator.IsAesKey(value.IdEncryptionKey))
        {
            throw new InvalidOperationException("Configuration 'Security:IdEncryptionKey' is missing or is not base64 of 32 bytes.");
        }

        _currentKeyId = value.IdEncryptionKeyId;
        foreach (var (id, key) in value.PreviousIdEncryptionKeys)
        {
            _keys[id] = Convert.FromBase64String(key);
        }

        _keys[_currentKeyId] = Convert.FromBase64String(value.IdEncryptionKey!);
    }

    public string Protect(string clearText)
    {
        var plain = Encoding.UTF8.GetBytes(clearText);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_currentKeyId], TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), AssociatedData(_currentKeyId));
        return _currentKeyId + ":" + Convert.ToBase64String(output);
    }

    public string Unprotect(string protectedText)
    {
        var separator = protectedText.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new CryptographicException("Protected value has no key id.");
        }

        var keyId = protectedText[..separator];
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException($"Encryption key '{keyId}' is not configured (Security:PreviousIdEncryptionKeys:{keyId}).");
        }

        var data = Convert.FromBase64String(protectedText[(separator + 1)..]);
        var length = data.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize, length), data.AsSpan(NonceSize + length), plain, AssociatedData(keyId));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Binds the ciphertext to its key id, so a swapped prefix fails authentication instead of decrypting garbage.</summary>
    private static byte[] AssociatedData(string keyId) => Encoding.UTF8.GetBytes("ma-person|" + keyId);
}
