using System.Text;
using MedicalAssistance.Policy.Simulation;

namespace MedicalAssistance.Functions.Simulate;

/// <summary>
/// <c>simulate FILE</c> (or <c>-</c> for stdin): settles one scenario or a JSON array of scenarios and prints the result
/// JSON (scenario-format.md §1). Exit 0, or 2 with the error JSON for a single invalid scenario. Nothing is stored.
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

        byte[] body;
        if (args[0] == "-")
        {
            using var buffer = new MemoryStream();
            await standardInput.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        else if (File.Exists(args[0]))
        {
            body = await File.ReadAllBytesAsync(args[0], cancellationToken);
        }
        else
        {
            await error.WriteLineAsync($"simulate: file not found: {args[0]}");
            return ExitNoInput;
        }

        var result = SimulationRunner.Run(body);
        await output.WriteAsync(result.Json);
        await output.FlushAsync(cancellationToken);
        return result.Ok ? 0 : ExitInvalidScenario;
    }
}
