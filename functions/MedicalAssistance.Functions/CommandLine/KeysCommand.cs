using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.CommandLine;

/// <summary>
/// <c>keys create --caller NAME --scope SCOPE [--scope SCOPE…]</c> prints the new key once;
/// <c>keys revoke --caller NAME</c> deletes every key of the caller; <c>keys list</c> shows callers and scopes, never keys.
/// </summary>
internal static class KeysCommand
{
    public const string Usage = """
        usage: MedicalAssistance.Functions keys create --caller NAME --scope SCOPE [--scope SCOPE...]
               MedicalAssistance.Functions keys revoke --caller NAME
               MedicalAssistance.Functions keys list
          scopes: department:<code>, facility:<code>, staff, portal
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var action = args.Length > 0 ? args[0] : "";
        var (options, rest) = CommandHost.Split(args.Length > 0 ? args[1..] : [], "caller", "scope");
        var caller = options.GetValueOrDefault("caller")?.LastOrDefault();
        var scopes = options.GetValueOrDefault("scope") ?? [];
        if (action is not ("create" or "revoke" or "list") || (action != "list" && string.IsNullOrWhiteSpace(caller))
            || (action == "create" && scopes.Count == 0))
        {
            await error.WriteLineAsync(Usage);
            return FunctionsCommandLine.ExitUsage;
        }

        using var host = CommandHost.Build(rest);
        var store = host.Services.GetRequiredService<FunctionKeyStore>();
        var storage = host.Services.GetRequiredService<StorageAccount>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await storage.Table(FunctionKeyStore.TableName).CreateIfNotExistsAsync(cancel.Token);

        switch (action)
        {
            case "create":
                try
                {
                    var key = await store.CreateAsync(caller!, scopes, cancel.Token);
                    await output.WriteLineAsync($"key {caller}: {key}");
                    await error.WriteLineAsync("This key is shown once: store it now. Only its hash is kept.");
                }
                catch (ArgumentException ex)
                {
                    await error.WriteLineAsync("error: " + ex.Message);
                    return FunctionsCommandLine.ExitUsage;
                }

                return FunctionsCommandLine.ExitOk;
            case "revoke":
                if (!await store.RevokeAsync(caller!, cancel.Token))
                {
                    await error.WriteLineAsync($"error: caller '{caller}' has no keys");
                    return FunctionsCommandLine.ExitNotFound;
                }

                await output.WriteLineAsync($"revoked: {caller}");
                return FunctionsCommandLine.ExitOk;
            default:
                var count = 0;
                await foreach (var entry in store.ListAsync(cancel.Token))
                {
                    await output.WriteLineAsync($"{entry.Name}\t{string.Join(' ', entry.Scopes.Order(StringComparer.Ordinal))}");
                    count++;
                }

                await error.WriteLineAsync($"{count} key(s)");
                return FunctionsCommandLine.ExitOk;
        }
    }
}
