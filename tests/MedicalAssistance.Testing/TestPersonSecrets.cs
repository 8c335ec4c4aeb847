using System.Security.Cryptography;

namespace MedicalAssistance.Testing;

/// <summary>
/// Random person-key and ID-encryption secrets, new for every test run (no secret lives in the repository), as the
/// command-line arguments a function host is built with. The host refuses to start without them.
/// </summary>
public static class TestPersonSecrets
{
    public static string PersonKeySecret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    public static string IdEncryptionKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    public const string IdEncryptionKeyId = "test1";

    public static string[] Args { get; } =
    [
        $"--Security:PersonKeySecret={PersonKeySecret}",
        $"--Security:IdEncryptionKey={IdEncryptionKey}",
        $"--Security:IdEncryptionKeyId={IdEncryptionKeyId}",
    ];

    /// <summary>
    /// Fresh secrets for a test that must not meet other tests' persons in the shared Azurite: a different person-key
    /// secret gives every ID number a different person key, so deterministic demo people land in rows of their own.
    /// </summary>
    public static string[] NewArgs() =>
    [
        $"--Security:PersonKeySecret={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
        $"--Security:IdEncryptionKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
        $"--Security:IdEncryptionKeyId={IdEncryptionKeyId}",
    ];
}
