using System.Globalization;
using Azure;
using Azure.Data.Tables;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Runs.FundBudgets;

/// <summary>
/// Table <c>fundbudgets</c>: PartitionKey = <c>{profile}|{year}</c>; RowKey <c>current</c> is the version in force, RowKey
/// <c>v{00000n}</c> every version ever set. A PUT inserts its version row (a number taken by another operator meanwhile is a
/// conflict: read again and take the next), then moves <c>current</c> with an ETag condition: versions are never overwritten.
/// </summary>
public sealed class FundBudgetStore(StorageAccount storage, string tableName)
{
    private const string Current = "current";
    private const int MaxAttempts = 20;

    private readonly TableClient _table = storage.Table(tableName);

    public async Task<FundBudgetVersion?> GetAsync(string profile, int year, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(profile, year), Current, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? FromEntity(profile, year, e) : null;
    }

    /// <summary>Every version of a year, oldest first.</summary>
    public async Task<IReadOnlyList<FundBudgetVersion>> VersionsAsync(string profile, int year, CancellationToken cancellationToken)
    {
        var list = new List<FundBudgetVersion>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(profile, year)} and RowKey ge {"v"} and RowKey lt {"w"}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(FromEntity(profile, year, e));
        }

        return list;
    }

    public async Task<FundBudgetVersion> PutAsync(string profile, int year, FundBudget budget, string setBy, DateTimeOffset setAt, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(profile, year), Current, cancellationToken: cancellationToken);
            var current = response.HasValue ? response.Value : null;
            var version = new FundBudgetVersion(profile, year, (current?.GetInt32("Version") ?? 0) + 1, budget, setBy, setAt);
            try
            {
                await _table.AddEntityAsync(ToEntity(version, FormattableString.Invariant($"v{version.Version:D6}")), cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Another operator's version took the number: make sure current reaches it, then read again and take the next.
                await MoveCurrentAsync(profile, year, current, cancellationToken);
                continue;
            }

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

            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another operator, whose insert met our version row, moved current to it (MoveCurrentAsync only ever moves
                // current to the row above the one it read, which is ours). Our version is set: writing it again as the next
                // number would record one PUT twice.
            }

            return version;
        }

        throw new InvalidOperationException($"Fund budget {profile} {year} kept changing: gave up after {MaxAttempts} attempts.");
    }

    /// <summary>
    /// A version row exists above <paramref name="current"/> (its writer crashed before moving current, or is about to move it):
    /// moves current to it, so that version is not lost (a no-op when current moved meanwhile).
    /// </summary>
    private async Task MoveCurrentAsync(string profile, int year, TableEntity? current, CancellationToken cancellationToken)
    {
        var next = (current?.GetInt32("Version") ?? 0) + 1;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(profile, year), FormattableString.Invariant($"v{next:D6}"), cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } stored)
        {
            return;
        }

        var entity = new TableEntity(stored) { RowKey = Current };
        try
        {
            if (current is null)
            {
                await _table.AddEntityAsync(entity, cancellationToken);
            }
            else
            {
                await _table.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Current moved meanwhile (most likely to this very version).
        }
    }

    private static string Partition(string profile, int year) => FormattableString.Invariant($"{profile}|{year}");

    private static TableEntity ToEntity(FundBudgetVersion v, string rowKey) => new(Partition(v.Profile, v.Year), rowKey)
    {
        ["Version"] = v.Version,
        ["BudgetedExpenditure"] = Text(v.Budget.BudgetedExpenditure),
        ["AccumulatedBalance"] = Text(v.Budget.AccumulatedBalance),
        ["ApprovedSubsidyTotal"] = Text(v.Budget.ApprovedSubsidyTotal),
        ["CountyCoFunding"] = Text(v.Budget.CountyCoFunding),
        ["ActualSubsidyCost"] = Text(v.Budget.ActualSubsidyCost),
        ["SetBy"] = v.SetBy,
        ["SetAt"] = v.SetAt,
    };

    private static FundBudgetVersion FromEntity(string profile, int year, TableEntity e) => new(profile, year, e.GetInt32("Version") ?? 0,
        new FundBudget(Parse(e.GetString("BudgetedExpenditure")), Parse(e.GetString("AccumulatedBalance")), Parse(e.GetString("ApprovedSubsidyTotal")),
            Parse(e.GetString("CountyCoFunding")), Parse(e.GetString("ActualSubsidyCost"))),
        e.GetString("SetBy") ?? "", e.GetDateTimeOffset("SetAt") ?? default);

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static decimal? Parse(string? text) => text is null ? null : decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
