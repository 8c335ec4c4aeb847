using System.Security.Cryptography;
using MedicalAssistance.Functions.Persons;
using Microsoft.Extensions.Options;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Persons;

public sealed class PersonSecretsTests
{
    private static readonly IdNumber Id = TestIds.Make(new DateOnly(1990, 1, 1), 123);

    [Fact]
    public void Person_key_is_a_stable_keyed_hash_that_differs_per_secret()
    {
        var keys = new PersonKeys(TestSecrets.AsOptions());
        var other = new PersonKeys(Options.Create(new PersonSecurityOptions { PersonKeySecret = "another-secret-of-enough-length" }));

        var key = keys.KeyOf(Id);
        Assert.Equal(64, key.Length);
        Assert.Equal(key, keys.KeyOf(Id));
        Assert.NotEqual(key, other.KeyOf(Id));
        Assert.DoesNotContain(Id.Value, key, StringComparison.Ordinal);
        Assert.Equal(key[..2], PersonKeys.BucketOf(key));
    }

    [Fact]
    public void Protector_round_trips_with_a_fresh_nonce_and_reads_values_of_a_retired_key()
    {
        var old = new PersonSecurityOptions { IdEncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), IdEncryptionKeyId = "k1" };
        var oldProtector = new IdProtector(Options.Create(old));
        var stored = oldProtector.Protect(Id.Value);

        var rotated = new IdProtector(Options.Create(new PersonSecurityOptions
        {
            IdEncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            IdEncryptionKeyId = "k2",
            PreviousIdEncryptionKeys = new() { ["k1"] = old.IdEncryptionKey! },
        }));

        Assert.StartsWith("k1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Id.Value, stored, StringComparison.Ordinal);
        Assert.NotEqual(stored, oldProtector.Protect(Id.Value));
        Assert.Equal(Id.Value, rotated.Unprotect(stored));
        Assert.StartsWith("k2:", rotated.Protect("张三"), StringComparison.Ordinal);
        Assert.Equal("张三", rotated.Unprotect(rotated.Protect("张三")));
    }

    [Fact]
    public void A_tampered_value_fails_instead_of_decrypting_garbage()
    {
        var protector = new IdProtector(TestSecrets.AsOptions());
        var stored = protector.Protect(Id.Value);
        var bytes = Convert.FromBase64String(stored[(stored.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        bytes[^1] ^= 1;
        var tampered = stored[..(stored.IndexOf(':', StringComparison.Ordinal) + 1)] + Convert.ToBase64String(bytes);

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(tampered));
    }

    [Fact]
    public async Task Host_refuses_to_start_without_secrets_and_names_the_settings()
    {
        var app = FunctionsApp.Build([.. RunningApp.LoopbackArgs, "--AzureWebJobsStorage=" + AzuriteFixture.UnreachableConnectionString]);
        await using (app)
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));
            Assert.Contains("Security:PersonKeySecret", error.Message, StringComparison.Ordinal);
            Assert.Contains("Security:IdEncryptionKey", error.Message, StringComparison.Ordinal);
        }
    }
}
