using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// Table <c>claims</c>: PartitionKey = the first two hex digits of SHA-256 of the claim id (256 buckets), RowKey = the full
/// hash (claim ids are free text and may hold characters a key may not). One entity per claim id system-wide.
/// </summary>
public sealed class ClaimStore(StorageAccount storage, string tableName = ClaimStore.TableName)
{
    public const string TableName = "claims";
    public const string TableKey = "Claims:Table";

    private readonly TableClient _table = storage.Table(tableName);

    public async Task<(ClaimRecord Record, ETag ETag)?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var (partition, row) = KeyOf(id);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? (FromEntity(e), e.ETag) : null;
    }

    /// <summary>Inserts a new claim; false when the id is taken (the caller compares contents).</summary>
    public async Task<bool> TryAddAsync(ClaimRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(ToEntity(record), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces a claim read with <paramref name="etag"/> (a reversal); false when it changed meanwhile.</summary>
    public async Task<bool> TryReplaceAsync(ClaimRecord record, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(ToEntity(record), etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    public static (string Partition, string Row) KeyOf(string id)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        return (hash[..2], hash);
    }

    /// <summary>The stored shape of a claim (for bulk loads in entity-group transactions of one partition, e.g. the benchmarks).</summary>
    public static TableEntity ToEntity(ClaimRecord r)
    {
        var (partition, row) = KeyOf(r.Id);
        return new TableEntity(partition, row)
        {
            ["Id"] = r.Id,
            ["Profile"] = r.Profile,
            ["PersonKey"] = r.PersonKey,
            ["MaskedIdNumber"] = r.MaskedIdNumber,
            ["EncryptedIdNumber"] = r.EncryptedIdNumber,
            ["EncryptedName"] = r.EncryptedName,
            ["BirthDate"] = r.BirthDate.ToString("O", CultureInfo.InvariantCulture),
            ["FacilityCode"] = r.FacilityCode,
            ["FacilityName"] = r.FacilityName,
            ["SettledOn"] = r.SettledOn.ToString("O", CultureInfo.InvariantCulture),
            ["Input"] = r.Input,
            ["Version"] = r.Version,
            ["SubmittedBy"] = r.SubmittedBy,
            ["SubmittedAt"] = r.SubmittedAt,
            ["ReversalReason"] = r.ReversalReason,
            ["ReversedBy"] = r.ReversedBy,
            ["ReversedAt"] = r.ReversedAt,
        };
    }

    private static ClaimRecord FromEntity(TableEntity e) => new(
        e.GetString("Id"), e.GetString("Profile"), e.GetString("PersonKey"), e.GetString("MaskedIdNumber"), e.GetString("EncryptedIdNumber"),
        e.GetString("EncryptedName"), DateOnly.Parse(e.GetString("BirthDate"), CultureInfo.InvariantCulture), e.GetString("FacilityCode"),
        e.GetString("FacilityName"), DateOnly.Parse(e.GetString("SettledOn"), CultureInfo.InvariantCulture), e.GetString("Input"), e.GetString("Version"),
        e.GetString("SubmittedBy"), e.GetDateTimeOffset("SubmittedAt") ?? default, e.GetString("ReversalReason"), e.GetString("ReversedBy"),
        e.GetDateTimeOffset("ReversedAt"));
}
