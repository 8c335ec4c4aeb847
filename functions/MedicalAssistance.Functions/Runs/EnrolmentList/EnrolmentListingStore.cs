using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Runs.EnrolmentList;

/// <summary>
/// Table <c>enrolmentlistings</c>: PartitionKey = <c>{profile}|{year}</c> and RowKey = person key, as the exemption ledger
/// (<see cref="Persons.PersonStore"/>); the listings as JSON. A listing is added by an insert or an ETag-conditional replace,
/// so of two lists taking in the same entry version at once exactly one succeeds: every version of an entry is sent to the
/// insurer by exactly one month's list.
/// </summary>
public sealed class EnrolmentListingStore(StorageAccount storage, string tableName)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient _table = storage.Table(tableName);

    public async Task<EnrolmentListings> GetAsync(string profile, int year, string personKey, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(profile, year), personKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e
            ? new EnrolmentListings(profile, year, personKey, JsonSerializer.Deserialize<List<EnrolmentListing>>(e.GetString("Listings"), Json) ?? [], e.ETag)
            : new EnrolmentListings(profile, year, personKey, [], null);
    }

    /// <summary>Adds <paramref name="listing"/> to the listings as read; false when another list wrote first (read again).</summary>
    public async Task<bool> TryAddAsync(EnrolmentListings listings, EnrolmentListing listing, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(listings.Profile, listings.Year), listings.PersonKey)
        {
            ["Listings"] = JsonSerializer.Serialize(listings.Listings.Append(listing), Json),
        };
        return await _table.TryWriteAsReadAsync(entity, listings.ETag, cancellationToken);
    }

    private static string Partition(string profile, int year) => string.Create(CultureInfo.InvariantCulture, $"{profile}|{year}");
}
