using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Hosting.BlobArrivals;

/// <summary>
/// Table <c>blobreceipts</c>: one row per (blob, ETag) that was turned into a message. PartitionKey = SHA-256 of
/// <c>container/name</c> (names can hold characters a key cannot), RowKey = the ETag. A row is first <c>claimed</c>
/// (insert: only one scanner wins), then <c>enqueued</c> once the message is sent; a claim left by a scanner that died
/// is taken over after <see cref="ClaimTimeout"/>. Also holds each watch's last-modified watermark.
/// </summary>
public sealed class BlobReceipts(StorageAccount storage)
{
    public const string TableName = "blobreceipts";
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);
    private const string WatermarkPartition = "$watermark";
    private const string Claimed = "claimed";
    private const string Enqueued = "enqueued";

    internal TableClient Table => storage.Table(TableName);

    public static string PartitionFor(string container, string blobName) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(container + "/" + blobName)));

    public static string RowFor(string eTag) => eTag.Trim('"');

    /// <summary>True when a message for this blob version was already sent.</summary>
    public async Task<bool> IsEnqueuedAsync(string container, string blobName, string eTag, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionFor(container, blobName), RowFor(eTag), cancellationToken: ct);
        return row.HasValue && row.Value!.GetString("State") == Enqueued;
    }

    /// <summary>Claims the blob version for this scanner; null when another scanner has it or it is already enqueued.</summary>
    public async Task<ETag?> TryClaimAsync(string container, string blobName, string eTag, DateTimeOffset now, CancellationToken ct)
    {
        var partition = PartitionFor(container, blobName);
        var rowKey = RowFor(eTag);
        var claim = new TableEntity(partition, rowKey)
        {
            ["Container"] = container,
            ["BlobName"] = blobName,
            ["State"] = Claimed,
            ["ClaimedAt"] = now,
        };
        var existing = await Table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: ct);
        try
        {
            if (!existing.HasValue)
            {
                return (await Table.AddEntityAsync(claim, ct)).Headers.ETag;
            }

            var row = existing.Value!;
            if (row.GetString("State") == Enqueued || row.GetDateTimeOffset("ClaimedAt") > now - ClaimTimeout)
            {
                return null;
            }

            return (await Table.UpdateEntityAsync(claim, row.ETag, TableUpdateMode.Replace, ct)).Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null; // another scanner won
        }
    }

    public async Task MarkEnqueuedAsync(string container, string blobName, string eTag, ETag claim, string eventId, DateTimeOffset now, CancellationToken ct)
    {
        var entity = new TableEntity(PartitionFor(container, blobName), RowFor(eTag))
        {
            ["Container"] = container,
            ["BlobName"] = blobName,
            ["State"] = Enqueued,
            ["EventId"] = eventId,
            ["EnqueuedAt"] = now,
        };
        await Table.UpdateEntityAsync(entity, claim, TableUpdateMode.Replace, ct);
    }

    public async Task<DateTimeOffset?> ReadWatermarkAsync(BlobArrivalWatch watch, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(WatermarkPartition, WatchKey(watch), cancellationToken: ct);
        return row.HasValue ? row.Value!.GetDateTimeOffset("LastModified") : null;
    }

    public Task WriteWatermarkAsync(BlobArrivalWatch watch, DateTimeOffset lastModified, CancellationToken ct) =>
        Table.UpsertEntityAsync(new TableEntity(WatermarkPartition, WatchKey(watch)) { ["LastModified"] = lastModified }, TableUpdateMode.Replace, ct);

    /// <summary>Deletes receipts enqueued before <paramref name="cutoff"/>; returns how many. Used by the housekeeping timer.</summary>
    public async Task<int> DeleteEnqueuedBeforeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"State eq {Enqueued} and EnqueuedAt lt {cutoff}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: ct))
        {
            try
            {
                await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, Azure.ETag.All, ct);
                deleted++;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Deleted by another host's housekeeping.
            }
        }

        return deleted;
    }

    private static string WatchKey(BlobArrivalWatch watch) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{watch.Container}|{watch.Prefix}|{watch.QueueName}")));
}
