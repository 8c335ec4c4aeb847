using System.Text.Json;
using MedicalAssistance.Functions.Claims.Parameters;

namespace MedicalAssistance.Functions.Runs.Monitoring;

/// <summary>
/// Table <c>monitoringthresholds</c>: the operator's monitoring thresholds per profile and year, versioned exactly as the settlement
/// parameters are (<see cref="SettlementParameterStore"/> over its own table: RowKey <c>current</c> and <c>v{0000n}</c>, who and when,
/// versions never overwritten), the JSON being a <see cref="MonitoringThreshold"/>.
/// </summary>
public sealed class MonitoringThresholdStore(SettlementParameterStore versions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<MonitoringThresholdVersion?> GetAsync(string profile, int year, CancellationToken cancellationToken) =>
        await versions.GetAsync(profile, year, cancellationToken) is { } current ? Of(current) : null;

    public async Task<IReadOnlyList<MonitoringThresholdVersion>> VersionsAsync(string profile, int year, CancellationToken cancellationToken) =>
        [.. (await versions.VersionsAsync(profile, year, cancellationToken)).Select(Of)];

    public async Task<MonitoringThresholdVersion> PutAsync(string profile, int year, MonitoringThreshold threshold, string setBy, DateTimeOffset setAt,
        CancellationToken cancellationToken) =>
        Of(await versions.PutAsync(profile, year, JsonSerializer.Serialize(threshold, Json), setBy, setAt, cancellationToken));

    private static MonitoringThresholdVersion Of(SettlementParameterVersion v) =>
        new(v.Profile, v.Year, v.Version, JsonSerializer.Deserialize<MonitoringThreshold>(v.Json, Json) ?? new MonitoringThreshold(null), v.SetBy, v.SetAt);
}
