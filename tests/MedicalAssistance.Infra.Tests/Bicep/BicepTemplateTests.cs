using MedicalAssistance.Testing;

namespace MedicalAssistance.Infra.Tests.Bicep;

public sealed class BicepTemplateTests
{
    private static string MainBicep => System.IO.Path.Combine(RepositoryPaths.Root, "infra", "main.bicep");

    [Fact]
    public async Task Main_bicep_builds_without_a_warning_or_an_error()
    {
        var run = await BicepCli.BuildAsync(MainBicep);

        Assert.True(run.ExitCode == 0, $"bicep build exited {run.ExitCode}:\n{run.Errors}");
        Assert.Empty(run.Failures);
        Assert.StartsWith("{", run.Output.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_bicep_and_its_modules_pass_the_linter_without_a_warning()
    {
        var run = await BicepCli.LintAsync(MainBicep);

        Assert.True(run.ExitCode == 0, $"bicep lint exited {run.ExitCode}:\n{run.Errors}");
        Assert.Empty(run.Failures);
    }

    [Fact]
    public async Task A_type_error_which_bicep_reports_as_a_warning_fails_the_check()
    {
        // The storage module with a property its resource type does not have: Bicep still exits 0 and prints a warning.
        var module = await File.ReadAllTextAsync(System.IO.Path.Combine(RepositoryPaths.Root, "infra", "modules", "storage.bicep"), TestContext.Current.CancellationToken);
        var broken = module.Replace("allowBlobPublicAccess: false", "allowBlobPublicAccess: 'no'", StringComparison.Ordinal);
        Assert.NotEqual(module, broken);
        var file = System.IO.Path.Combine(Directory.CreateTempSubdirectory("bicep").FullName, "storage.bicep");
        await File.WriteAllTextAsync(file, broken, TestContext.Current.CancellationToken);

        var build = await BicepCli.BuildAsync(file);
        var lint = await BicepCli.LintAsync(file);

        Assert.Contains(build.Failures, d => d.Level == "Warning" && d.Code == "BCP036");
        Assert.Contains(lint.Failures, d => d.Code == "BCP036");
    }

    [Fact]
    public async Task An_unused_parameter_fails_the_lint()
    {
        var file = System.IO.Path.Combine(Directory.CreateTempSubdirectory("bicep").FullName, "unused.bicep");
        await File.WriteAllTextAsync(file, "param unused string\n", TestContext.Current.CancellationToken);

        var lint = await BicepCli.LintAsync(file);

        Assert.Contains(lint.Failures, d => d.Code == "no-unused-params");
    }
}
