using System.Text;
using MedicalAssistance.Policy.Simulation;

namespace MedicalAssistance.Functions.Simulate;

/// <summary>
/// <c>simulate FILE</c> (or <c>-</c> for stdin): settles one scenario or a JSON array of scenarios and prints the result
/// JSON (scenario-format.md §1). Exit 0, or 2 with the error JSON for a single invalid scenario or a request beyond
/// <see cref="SimulationLimits"/>. Nothing is stored.
/// </summary>
internal static class SimulateCommand
{
    public const int ExitInvalidScenario = 2;
    public const int ExitUsage = 64;
    public const int ExitNoInput = 66;

    public static Task<int> RunAsync(string[] args)
    {
        var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
        return RunAsync(args, Console.OpenStandardInput(), output, Console.Error, CancellationToken.None);
    }

    public static async Task<int> RunAsync(string[] args, Stream standardInput, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Length != 1)
        {
            await error.WriteLineAsync("usage: simulate <scenario.json | ->");
            return ExitUsage;
        }

        if (args[0] != "-" && !File.Exists(args[0]))
        {
            await error.WriteLineAsync($"simulate: file not found: {args[0]}");
            return ExitNoInput;
        }

        await using var file = args[0] == "-" ? null : File.OpenRead(args[0]);
        var result = await SimulationService.RunAsync(file ?? standardInput, declaredLength: null, SimulationLimits.Default, cancellationToken);
        await output.WriteAsync(result.Json);
        await output.FlushAsync(cancellationToken);
        return result.Ok ? 0 : ExitInvalidScenario;
    }
}
