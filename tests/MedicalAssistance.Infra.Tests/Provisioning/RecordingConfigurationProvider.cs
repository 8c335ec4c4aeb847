using System.Collections.Concurrent;

namespace MedicalAssistance.Infra.Tests.Provisioning;

/// <summary>In-memory configuration that remembers every key the app asked for (found or not): what the app reads.</summary>
public sealed class RecordingConfigurationProvider : ConfigurationProvider, IConfigurationSource
{
    private readonly ConcurrentDictionary<string, byte> _reads = new(StringComparer.OrdinalIgnoreCase);

    public RecordingConfigurationProvider(IReadOnlyDictionary<string, string?> values)
    {
        foreach (var (key, value) in values)
        {
            Data[key] = value;
        }
    }

    public IReadOnlyCollection<string> Reads => [.. _reads.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    public override bool TryGet(string key, out string? value)
    {
        _reads.TryAdd(key, 0);
        return base.TryGet(key, out value);
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;
}
