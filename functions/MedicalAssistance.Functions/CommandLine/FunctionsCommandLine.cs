using MedicalAssistance.Functions.Simulate;
using MedicalAssistance.Hosting.Settings;

namespace MedicalAssistance.Functions.CommandLine;

/// <summary>
/// The executable's verbs: <c>serve</c> (default) runs the host; the others run one job and exit,
/// which is what a Container Apps job or an operator at a shell executes.
/// </summary>
public static class FunctionsCommandLine
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitNotFound = 2;
    public const int ExitUsage = 64;
    public const int ExitConfig = 78;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            return await DispatchAsync(args);
        }
        catch (HostSettingsException ex)
        {
            // A wrong host.json value stops start-up with one clear line naming the key.
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return ExitConfig;
        }
    }

    private static async Task<int> DispatchAsync(string[] args)
    {
        var verb = args.Length == 0 || args[0].StartsWith('-') ? "serve" : args[0];
        var rest = verb == "serve" && (args.Length == 0 || args[0] != "serve") ? args : args[1..];
        switch (verb)
        {
            case "serve":
                await FunctionsApp.Build(rest).RunAsync();
                return ExitOk;
            case "seed-demo":
                return await SeedDemoCommand.RunAsync(rest, Console.Out);
            case "simulate":
                return await SimulateCommand.RunAsync(rest);
            case "run":
                return await RunCommand.RunAsync(rest, Console.Out, Console.Error);
            case "keys":
                return await KeysCommand.RunAsync(rest, Console.Out, Console.Error);
            default:
                await Console.Error.WriteLineAsync(Usage);
                return ExitUsage;
        }
    }

    public const string Usage = """
        usage: MedicalAssistance.Functions [verb] [options]
          serve                 run the function host (default); --urls to change the address
          seed-demo             create storage and load demo data (idempotent); prints the local keys
          simulate FILE|-       settle the scenario(s) in FILE (- = stdin) and print the result JSON; exit 2 if invalid
          run <timer> [--period yyyy-MM]   run a timer function now (as a Container Apps job does) and exit
          keys create --caller NAME --scope SCOPE [--scope SCOPE...]   create a function key (printed once)
          keys revoke --caller NAME                                    revoke every key of a caller
          keys list                                                    callers and scopes (never the keys)
        """;
}
