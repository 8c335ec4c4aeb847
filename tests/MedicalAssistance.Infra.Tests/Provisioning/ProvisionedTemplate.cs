using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using MedicalAssistance.Infra.Tests.Bicep;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Infra.Tests.Provisioning;

/// <summary>
/// What infra/main.bicep provisions, read from the ARM template <c>bicep build</c> compiles it to: the storage names of
/// main.bicep's variables, the function app's settings (main.bicep's <c>appOptionSettings</c> and the function module's
/// <c>platformSettings</c>), and the wiring that turns them into resources, so a list that is declared but not used fails.
/// </summary>
public sealed partial class ProvisionedTemplate
{
    private static readonly Lazy<Task<ProvisionedTemplate>> MainTemplate = new(LoadMainAsync);

    private readonly JsonElement _root;

    private ProvisionedTemplate(JsonElement root) => _root = root;

    public static Task<ProvisionedTemplate> MainAsync() => MainTemplate.Value;

    public JsonElement Variables => _root.GetProperty("variables");

    public IReadOnlyList<string> Queues => Strings(Variables.GetProperty("queueNames"));
    public IReadOnlyList<string> Containers => Strings(Variables.GetProperty("containerNames"));
    public IReadOnlyList<string> Tables => Strings(Variables.GetProperty("tableNames"));
    public string PoisonSuffix => Variables.GetProperty("poisonSuffix").GetString()!;

    /// <summary>The function app's settings: literal values, or ARM expressions (<c>[…]</c>) for what is known only at deployment.</summary>
    public IReadOnlyDictionary<string, string> AppSettings
    {
        get
        {
            var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var source in new[] { Variables.GetProperty("appOptionSettings"), Module("function-app").GetProperty("variables").GetProperty("platformSettings") })
            {
                foreach (var setting in source.EnumerateObject())
                {
                    settings[setting.Name] = setting.Value.GetString()!;
                }
            }

            return settings;
        }
    }

    /// <summary>Prefixes of settings made per item of a parameter (<c>Security__PreviousIdEncryptionKeys__{id}</c>).</summary>
    public IReadOnlyList<string> SettingPrefixes =>
        [.. FormatPrefix().Matches(Variables.GetProperty("previousKeySettings").GetString()!).Select(m => m.Groups[1].Value)];

    /// <summary>The value a nested deployment (a module) receives for a parameter, as main.bicep passes it.</summary>
    public string ModuleParameter(string module, string parameter) =>
        Deployment(module).GetProperty("properties").GetProperty("parameters").GetProperty(parameter).GetProperty("value").ToString();

    /// <summary>The resources of type <paramref name="type"/> in a module's template.</summary>
    public IReadOnlyList<JsonElement> ModuleResources(string module, string type) =>
        [.. Resources(Module(module)).Where(r => r.GetProperty("type").GetString() == type)];

    /// <summary>
    /// The settings as the function app sees them in Azure: names with ':' for '__'; a Key Vault reference resolved to a
    /// random secret (as App Service resolves it), any other deployment-time value a stand-in of the right shape.
    /// </summary>
    public IReadOnlyDictionary<string, string?> AppSettingsAsAzureGivesThem()
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in AppSettings)
        {
            settings[key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = IsExpression(value) ? StandIn(key, value) : value;
        }

        return settings;
    }

    public static bool IsExpression(string value) => value.StartsWith('[') && !value.StartsWith("[[", StringComparison.Ordinal);

    private static string StandIn(string key, string expression)
    {
        if (expression.Contains("secretReference", StringComparison.Ordinal))
        {
            return Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }

        if (key.EndsWith("ServiceUri", StringComparison.OrdinalIgnoreCase))
        {
            var service = key[(key.LastIndexOf('_') + 1)..^"ServiceUri".Length];
            return $"https://standin.{service}.core.windows.net/";
        }

        return key == "APPLICATIONINSIGHTS_CONNECTION_STRING"
            ? "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://standin.invalid/"
            : "stand-in";
    }

    private JsonElement Deployment(string name) =>
        Resources(_root).Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments" && r.GetProperty("name").GetString() == name);

    private JsonElement Module(string name) => Deployment(name).GetProperty("properties").GetProperty("template");

    /// <summary>Resources of a template: an array, or (symbolic names, languageVersion 2.0) an object.</summary>
    private static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Array
            ? resources.EnumerateArray()
            : resources.EnumerateObject().Select(p => p.Value);
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static async Task<ProvisionedTemplate> LoadMainAsync()
    {
        var run = await BicepCli.BuildAsync(Path.Combine(RepositoryPaths.Root, "infra", "main.bicep"));
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed:\n{run.Errors}");
        }

        return new ProvisionedTemplate(JsonDocument.Parse(run.Output).RootElement.Clone());
    }

    [GeneratedRegex(@"format\('([A-Za-z0-9_]+__)\{0\}'")]
    private static partial Regex FormatPrefix();
}
