using System.Globalization;
using Microsoft.Extensions.Configuration.Memory;

namespace MedicalAssistance.Hosting.Settings;

/// <summary>
/// Loads <c>host.json</c> the way Azure Functions does: its keys live under the configuration section
/// <c>AzureFunctionsJobHost</c>, so any of them can be overridden by an environment variable
/// (<c>AzureFunctionsJobHost__extensions__queues__batchSize=4</c>) or an argument (<c>--AzureFunctionsJobHost:functionTimeout=00:01:00</c>).
/// </summary>
public static class HostJson
{
    public const string Section = "AzureFunctionsJobHost";
    public const string FileName = "host.json";

    /// <summary>Adds host.json as the lowest-priority configuration source; a missing file means Azure's defaults.</summary>
    public static void AddHostJson(this IConfigurationBuilder configuration, string contentRoot)
    {
        var path = Path.Combine(contentRoot, FileName);
        if (!File.Exists(path))
        {
            return;
        }

        IConfigurationRoot file;
        try
        {
            file = new ConfigurationBuilder().AddJsonFile(path, optional: false).Build();
        }
        catch (InvalidDataException ex)
        {
            throw new HostSettingsException($"{FileName} is not valid JSON: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        var values = file.AsEnumerable()
            .Where(kv => kv.Value is not null)
            .Select(kv => new KeyValuePair<string, string?>(Section + ConfigurationPath.KeyDelimiter + kv.Key, kv.Value))
            .ToList();
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = values });
    }
}

/// <summary>host.json (or an override of one of its keys) holds a value the host cannot use. The message names the key.</summary>
public sealed class HostSettingsException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Reads typed values from configuration, naming the offending key (as written in host.json) when one is unusable.</summary>
internal sealed class SettingsReader(IConfiguration configuration, string section, string displayPrefix)
{
    public int Int(string key, int fallback, int min, int max)
    {
        var text = Scalar(key);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw Wrong(key, text, "an integer");
        }

        return value < min || value > max ? throw Wrong(key, text, $"an integer from {min} to {max}") : value;
    }

    public TimeSpan Duration(string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        var text = Scalar(key);
        if (text is null)
        {
            return fallback;
        }

        // A bare number ("5") would parse as 5 days: insist on the hh:mm:ss form Azure Functions documents.
        if (!text.Contains(':', StringComparison.Ordinal) || !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value))
        {
            throw Wrong(key, text, "a duration written hh:mm:ss");
        }

        return value < min || value > max ? throw Wrong(key, text, $"a duration from {min} to {max}") : value;
    }

    public bool Bool(string key, bool fallback)
    {
        var text = Scalar(key);
        if (text is null)
        {
            return fallback;
        }

        return bool.TryParse(text, out var value) ? value : throw Wrong(key, text, "true or false");
    }

    public string? String(string key) => Scalar(key);

    /// <summary>The value, or null when absent. An object or array where a single value belongs is the wrong type.</summary>
    public string? Scalar(string key)
    {
        var node = configuration.GetSection(Path(key));
        if (node.Value is null && node.GetChildren().Any())
        {
            throw new HostSettingsException($"{Display(key)} must be a single value, not an object or array.");
        }

        return string.IsNullOrWhiteSpace(node.Value) ? null : node.Value.Trim();
    }

    public HostSettingsException Wrong(string key, string text, string expected) =>
        new($"{Display(key)} must be {expected}; got \"{text}\".");

    private string Path(string key) => section + ConfigurationPath.KeyDelimiter + key;

    private string Display(string key) => $"{displayPrefix}'{key.Replace(':', '.')}'";
}
