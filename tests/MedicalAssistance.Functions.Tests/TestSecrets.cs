using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Tests;

/// <summary>The run's random secrets (<see cref="TestPersonSecrets"/>) as options and as host arguments.</summary>
internal static class TestSecrets
{
    public static PersonSecurityOptions Options { get; } = new()
    {
        PersonKeySecret = TestPersonSecrets.PersonKeySecret,
        IdEncryptionKey = TestPersonSecrets.IdEncryptionKey,
        IdEncryptionKeyId = TestPersonSecrets.IdEncryptionKeyId,
    };

    public static string[] Args => TestPersonSecrets.Args;

    public static IOptions<PersonSecurityOptions> AsOptions() => Microsoft.Extensions.Options.Options.Create(Options);
}
