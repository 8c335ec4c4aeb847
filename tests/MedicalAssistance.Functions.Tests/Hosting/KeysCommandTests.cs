using MedicalAssistance.Functions.CommandLine;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Hosting;

public sealed class KeysCommandTests(AzuriteFixture azurite)
{
    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await KeysCommand.RunAsync([.. args, $"--{StorageAccount.ConnectionStringKey}={azurite.ConnectionString}"], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Create_prints_the_key_once_list_shows_callers_and_scopes_only_and_revoke_removes_them()
    {
        var caller = AzuriteFixture.UniqueName("clerk");

        var created = await RunAsync("create", "--caller", caller, "--scope", "department:meizhou-civil", "--scope", "staff");
        Assert.Equal(0, created.Exit);
        var line = Assert.Single(created.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"key {caller}: ", line, StringComparison.Ordinal);
        var key = line[$"key {caller}: ".Length..].Trim();

        var store = new FunctionKeyStore(new StorageAccount(azurite.ConnectionString), TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(new FunctionKeyOptions()));
        var verified = await store.VerifyAsync(key, TestContext.Current.CancellationToken);
        Assert.NotNull(verified);
        Assert.Equal(caller, verified.Name);

        var listed = await RunAsync("list");
        Assert.Equal(0, listed.Exit);
        Assert.Contains($"{caller}\tdepartment:meizhou-civil staff", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..], listed.Output, StringComparison.Ordinal);

        var revoked = await RunAsync("revoke", "--caller", caller);
        Assert.Equal(0, revoked.Exit);
        Assert.DoesNotContain(caller, (await RunAsync("list")).Output, StringComparison.Ordinal);
        Assert.Equal(FunctionsCommandLine.ExitNotFound, (await RunAsync("revoke", "--caller", caller)).Exit);
    }

    [Fact]
    public async Task Bad_usage_and_bad_scopes_exit_with_the_usage_code()
    {
        Assert.Equal(FunctionsCommandLine.ExitUsage, (await RunAsync("create", "--caller", "x")).Exit);
        Assert.Equal(FunctionsCommandLine.ExitUsage, (await RunAsync("rotate")).Exit);
        var badScope = await RunAsync("create", "--caller", AzuriteFixture.UniqueName("bad"), "--scope", "root");
        Assert.Equal(FunctionsCommandLine.ExitUsage, badScope.Exit);
        Assert.Contains("root", badScope.Error, StringComparison.Ordinal);
    }
}
