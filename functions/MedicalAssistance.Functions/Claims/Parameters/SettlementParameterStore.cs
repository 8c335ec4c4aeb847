using System.Globalization;
using Azure;
using Azure.Data.Tables;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Claims.Parameters;

/// <summary>
/// Table <c>settlementparameters</c>: PartitionKey = <c>{profile}|{year}</c>; RowKey <c>current</c> holds the version in force
/// (one point read for every settlement), RowKey <c>v{0000n}</c> every version ever set, kept with who and when. A PUT writes
/// its version entity, then moves <c>current</c> with an ETag condition, so two operators setting the same year at once get
/// two versions in a definite order, and a crash between the two writes leaves <c>current</c> as it was (the retry reuses
/// the version number).
/// </summary>
public sealed class SettlementParameterStore(StorageAccount storage, string tableName = SettlementParameterStore.TableName)
{
    public const string TableName = "settlementparameters";
    public const string TableKey = "Claims:ParametersTable";

    private const string Current = "current";
    private const int MaxAttempts = 20;

    private readonly TableClient _table = storage.Table(tableName);

    public async Task<SettlementParameterVersion?> GetAsync(string profile, int year, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(profile, year), Current, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? FromEntity(profile, year, e) : null;
    }

    /// <summary>Every version of a year, oldest first.</summary>
    public async Task<IReadOnlyList<SettlementParameterVersion>> VersionsAsync(string profile, int year, CancellationToken cancellationToken)
    {
        var list = new List<SettlementParameterVersion>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(profile, year)} and RowKey ge {"v"} and RowKey lt {"w"}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(FromEntity(profile, year, e));
        }

        return list.OrderBy(v => v.Version).ToList();
    }

    /// <summary>Sets a new version; the previous ones stay.</summary>
    public async Task<SettlementParameterVersion> PutAsync(string profile, int year, string json, string setBy, DateTimeOffset setAt, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(profile, year), Current, cancellationToken: cancellationToken);
            var current = response.HasValue ? response.Value : null;
            var version = new SettlementParameterVersion(profile, year, (current?.GetInt32("Version") ?? 0) + 1, json, setBy, setAt);
            await _table.UpsertEntityAsync(ToEntity(version, VersionKey(version.Version)), TableUpdateMode.Replace, cancellationToken);
            try
            {
                if (current is null)
                {
                    await _table.AddEntityAsync(ToEntity(version, Current), cancellationToken);
                }
                else
                {
                    await _table.UpdateEntityAsync(ToEntity(version, Current), current.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return version;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another operator's version landed first: take the next number.
            }
        }

        throw new InvalidOperationException($"Settlement parameters {profile} {year} kept changing: gave up after {MaxAttempts} attempts.");
    }

    private static string Partition(string profile, int year) => FormattableString.Invariant($"{profile}|{year}");

    private static string VersionKey(int version) => FormattableString.Invariant($"v{version:D5}");

    private static TableEntity ToEntity(SettlementParameterVersion v, string rowKey) => new(Partition(v.Profile, v.Year), rowKey)
    {
        ["Version"] = v.Version,
        ["Json"] = v.Json,
        ["SetBy"] = v.SetBy,
        ["SetAt"] = v.SetAt,
    };

    private static SettlementParameterVersion FromEntity(string profile, int year, TableEntity e) =>
        new(profile, year, e.GetInt32("Version") ?? 0, e.GetString("Json"), e.GetString("SetBy") ?? "", e.GetDateTimeOffset("SetAt") ?? default);
}
