using MedicalAssistance.Hosting.Settings;

namespace MedicalAssistance.Functions.CommandLine;

/// <summary>
/// The services of the function app without its web server and listeners, for verbs that do one job and exit.
/// Configuration comes from the same places as <c>serve</c> (host.json, appsettings, environment, <c>--Key=value</c> arguments).
/// </summary>
internal static class CommandHost
{
    public static IHost Build(string[] configurationArgs, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configurationArgs,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddHostJson(builder.Environment.ContentRootPath);
        builder.Services.AddFunctionsCore(builder.Configuration);
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        // Same check as serve: a wrong host.json value stops the verb with a message naming the key.
        host.Services.GetRequiredService<HostSettings>();
        return host;
    }

    /// <summary>
    /// Splits <c>--name value</c> options the verb understands from the rest (configuration overrides).
    /// Repeated options collect every value.
    /// </summary>
    public static (Dictionary<string, List<string>> Options, string[] Others) Split(string[] args, params string[] optionNames)
    {
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = optionNames.FirstOrDefault(o => args[i] == "--" + o);
            if (name is not null && i + 1 < args.Length)
            {
                if (!options.TryGetValue(name, out var values))
                {
                    options[name] = values = [];
                }

                values.Add(args[++i]);
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        return (options, [.. rest]);
    }
}
