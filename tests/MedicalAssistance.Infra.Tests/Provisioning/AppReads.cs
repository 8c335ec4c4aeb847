namespace MedicalAssistance.Infra.Tests.Provisioning;

/// <summary>What the function app reads, as its own registrations declare it (<see cref="AppRegistrations"/>).</summary>
/// <param name="SettingKeys">Configuration keys asked for while composing the app, resolving its options and its triggers' <c>%settings%</c> (host.json's own keys excluded: host.json ships in the package).</param>
/// <param name="Values">The value each of those keys had.</param>
/// <param name="Queues">Every queue of the storage layout (each also needs its poison twin).</param>
/// <param name="TriggerQueues">The queues the declared functions listen to, resolved from their <c>%setting%</c>.</param>
/// <param name="Schedules">Timer function, its declared schedule (<c>%setting%</c>) and the NCRONTAB schedule it resolves to.</param>
public sealed record AppReads(
    IReadOnlyCollection<string> SettingKeys,
    IReadOnlyDictionary<string, string?> Values,
    IReadOnlyCollection<string> Queues,
    IReadOnlyCollection<string> TriggerQueues,
    IReadOnlyCollection<string> Containers,
    IReadOnlyCollection<string> Tables,
    IReadOnlyCollection<(string Timer, string Declared, string Schedule)> Schedules);
