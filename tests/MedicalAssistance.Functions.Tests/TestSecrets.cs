using System.Security.Cryptography;
using MedicalAssistance.Functions.Persons;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Tests;

/// <summary>Random person-key and encryption secrets, new for every test run: no secret lives in the repository.</summary>
internal static class TestSecrets
{
    public static PersonSecurityOptions Options { get; } = new()
    {
        PersonKeySecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        IdEncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        IdEncryptionKeyId = "test1",
    };

    public static string[] Args { get; } =
    [
        $"--Security:PersonKeySecret={Options.PersonKeySecret}",
        $"--Security:IdEncryptionKey={Options.IdEncryptionKey}",
        $"--Security:IdEncryptionKeyId={Options.IdEncryptionKeyId}",
    ];

    public static IOptions<PersonSecurityOptions> AsOptions() => Microsoft.Extensions.Options.Options.Create(Options);
}
