using System.Text.RegularExpressions;
using MedicalAssistance.Functions.CommandLine;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Tests.Hosting;

public sealed partial class SeedDemoKeysTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Seed_demo_prints_a_fresh_staff_and_portal_key_and_a_rerun_revokes_the_previous_ones()
    {
        var storage = new StorageAccount(azurite.ConnectionString);
        var store = new FunctionKeyStore(storage, TimeProvider.System, Options.Create(new FunctionKeyOptions { CacheDuration = TimeSpan.Zero }));

        var first = await SeedAsync();
        var second = await SeedAsync();

        foreach (var caller in new[] { "staff", "portal" })
        {
            Assert.NotEqual(first[caller], second[caller]);
            Assert.Null(await store.VerifyAsync(first[caller], TestContext.Current.CancellationToken)); // revoked by the rerun
            // (the second key is not checked: another test's seed-demo may run in parallel and replace it in turn)
            Assert.Matches(KeyShape(), second[caller]);
        }

        var listed = await store.ListAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains(listed, c => c.Name == "staff" && c.Scopes.SetEquals([FunctionScopes.Staff]));
        Assert.Contains(listed, c => c.Name == "portal" && c.Scopes.SetEquals([FunctionScopes.Portal]));
    }

    private async Task<Dictionary<string, string>> SeedAsync()
    {
        using var output = new StringWriter();
        Assert.Equal(0, await SeedDemoCommand.RunAsync([$"--{StorageAccount.ConnectionStringKey}={azurite.ConnectionString}", .. TestPersonSecrets.NewArgs(), .. Rosters.TestRosters.PrivateClaimArgs()], output));
        // run.sh reads exactly this line format: "key <caller>: <secret>"
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => KeyLine().Match(line.TrimEnd()))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups["caller"].Value, m => m.Groups["key"].Value);
    }

    [GeneratedRegex("^key (?<caller>[^:]+): (?<key>\\S+)$")]
    private static partial Regex KeyLine();

    [GeneratedRegex("^[0-9a-f]{16}\\.[A-Za-z0-9_-]{43}$")]
    private static partial Regex KeyShape();
}
