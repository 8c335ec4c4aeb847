using Azure;
using Azure.Data.Tables;

namespace MedicalAssistance.Hosting.Storage;

/// <summary>The read-modify-write step of an entity that several writers may change at once (ETag concurrency).</summary>
public static class OptimisticWrites
{
    /// <summary>
    /// Writes <paramref name="entity"/> as read: inserts it when it was not there (<paramref name="readETag"/> null), else
    /// replaces it if it still has <paramref name="readETag"/>. False when another writer came first: read again and retry.
    /// </summary>
    public static async Task<bool> TryWriteAsReadAsync(this TableClient table, ITableEntity entity, ETag? readETag, CancellationToken cancellationToken)
    {
        try
        {
            if (readETag is { } etag)
            {
                await table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await table.AddEntityAsync(entity, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }
}
