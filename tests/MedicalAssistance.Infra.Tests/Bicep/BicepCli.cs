using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace MedicalAssistance.Infra.Tests.Bicep;

/// <summary>
/// The Bicep CLI of NuGet package Azure.Bicep.CommandLine.linux-x64 (PackageDownload in the project file; its path is
/// recorded as assembly metadata <c>BicepCli</c>). Runs offline: the types of every Azure resource are inside the CLI.
/// </summary>
public static partial class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string Path { get; } = FindCli();

    /// <summary><c>bicep build FILE --stdout</c>: the ARM template and every diagnostic.</summary>
    public static Task<BicepRun> BuildAsync(string file) => RunAsync("build", file, "--stdout");

    /// <summary><c>bicep lint FILE</c>: the linter's rules (bicepconfig.json beside the file, or Bicep's defaults) and the type checks.</summary>
    public static Task<BicepRun> LintAsync(string file) => RunAsync("lint", file);

    private static async Task<BicepRun> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Path}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        var errors = await stderr;
        var diagnostics = DiagnosticPattern().Matches(errors + "\n" + await stdout)
            .Select(m => new BicepDiagnostic(m.Groups["level"].Value, m.Groups["code"].Value, m.Value.Trim()))
            .Distinct()
            .ToList();
        return new BicepRun(process.ExitCode, await stdout, errors, diagnostics);
    }

    private static string FindCli()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepCli")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep CLI is not at '{path}'. It comes from NuGet package Azure.Bicep.CommandLine.linux-x64 (PackageDownload): run dotnet restore.");
        }

        // A package's files may be extracted without the execute bit (the package is linux-x64 only).
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }

    // "/path/main.bicep(12,3) : Warning no-unused-params: Parameter "x" is declared but never used. [https://…]"
    [GeneratedRegex(@"^.*\(\d+,\d+\) : (?<level>Error|Warning|Info) (?<code>[A-Za-z0-9-]+):.*$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticPattern();
}

/// <summary>One diagnostic line of the Bicep CLI.</summary>
public sealed record BicepDiagnostic(string Level, string Code, string Line)
{
    /// <summary>Bicep reports type errors (a wrong property, an unknown API version) as warnings: both fail the build here.</summary>
    public bool Fails => Level is "Error" or "Warning";
}

public sealed record BicepRun(int ExitCode, string Output, string Errors, IReadOnlyList<BicepDiagnostic> Diagnostics)
{
    public IReadOnlyList<BicepDiagnostic> Failures => [.. Diagnostics.Where(d => d.Fails)];
}
