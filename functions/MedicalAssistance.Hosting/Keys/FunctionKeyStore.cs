using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure;
using MedicalAssistance.Hosting.Storage;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Hosting.Keys;

/// <summary>
/// Function keys in table <c>hostkeys</c>. A key is <c>{id}.{secret}</c>: the id (random, 16 hex digits) finds the row,
/// and the row holds only the SHA-256 of the whole key, compared in constant time. The clear key is shown once, when created.
/// The key table (callers are few: departments, facilities, staff, the portal) is held in memory as one snapshot, read again
/// once it is older than <see cref="FunctionKeyOptions.CacheDuration"/>: a known id and an unknown one are answered from the
/// same snapshot with the same hashing, so the answer's timing does not tell whether an id exists (issue 14 item 11). A key
/// created or revoked on this host takes effect at once; on other hosts within the cache duration.
/// </summary>
public sealed class FunctionKeyStore(StorageAccount storage, TimeProvider time, IOptions<FunctionKeyOptions> options)
{
    public const string TableName = "hostkeys";
    private const string Partition = "key";
    private const int IdBytes = 8;
    private const int SecretBytes = 32;

    // Compared against when the id is unknown, so that both paths hash and compare once.
    private static readonly byte[] NoHash = new byte[32];
    private readonly Lock _gate = new();
    private volatile Snapshot? _snapshot;
    private Task<Snapshot>? _reading;

    private TableClient Table => storage.Table(TableName);

    /// <summary>Creates a key for <paramref name="caller"/> and returns it; it cannot be read back later.</summary>
    public async Task<string> CreateAsync(string caller, IReadOnlyCollection<string> scopes, CancellationToken ct)
    {
        ValidateCaller(caller);
        if (scopes.Count == 0)
        {
            throw new ArgumentException("A key needs at least one scope (department:<code>, facility:<code>, staff, portal).", nameof(scopes));
        }

        var invalid = scopes.Where(s => !FunctionScopes.IsValid(s)).ToList();
        if (invalid.Count > 0)
        {
            throw new ArgumentException(
                $"Invalid scope(s): {string.Join(", ", invalid)}. Use department:<code>, facility:<code>, staff or portal.", nameof(scopes));
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        var key = id + "." + Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        var entity = new TableEntity(Partition, id)
        {
            ["Caller"] = caller,
            ["Scopes"] = string.Join(' ', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            ["Hash"] = Convert.ToHexStringLower(Hash(key)),
            ["CreatedAt"] = time.GetUtcNow(),
        };
        // Creating a key is rare and may be the first thing done on a fresh account (keys create before any host ran).
        await Table.CreateIfNotExistsAsync(ct);
        await Table.AddEntityAsync(entity, ct);
        _snapshot?.Keys.TryAdd(id, new StoredKey(ToCaller(entity), Hash(key)));
        return key;
    }

    /// <summary>Deletes every key of <paramref name="caller"/>. Returns false when the caller had none.</summary>
    public async Task<bool> RevokeAsync(string caller, CancellationToken ct)
    {
        ValidateCaller(caller);
        var any = false;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Caller eq {caller}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: ct))
        {
            _snapshot?.Keys.TryRemove(row.RowKey, out _);
            try
            {
                await Table.DeleteEntityAsync(Partition, row.RowKey, ETag.All, ct);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Revoked concurrently: the outcome is the same.
            }

            any = true;
        }

        return any;
    }

    /// <summary>Every key's caller and scopes (one entry per key; a caller may have several keys). Never the secrets.</summary>
    public async IAsyncEnumerable<FunctionCaller> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["Caller", "Scopes"], cancellationToken: ct))
        {
            yield return ToCaller(row);
        }
    }

    /// <summary>The caller a presented key belongs to, or null when the key is malformed, unknown or revoked.</summary>
    public async Task<FunctionCaller?> VerifyAsync(string? presentedKey, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(presentedKey) || presentedKey.Length > 200)
        {
            return null;
        }

        var dot = presentedKey.IndexOf('.', StringComparison.Ordinal);
        if (dot != IdBytes * 2 || !IsHex(presentedKey.AsSpan(0, dot)))
        {
            return null;
        }

        var keys = await KeysAsync(ct);
        var known = keys.TryGetValue(presentedKey[..dot], out var stored);
        var matches = CryptographicOperations.FixedTimeEquals(Hash(presentedKey), known ? stored!.Hash : NoHash);
        return known && matches ? stored!.Caller : null;
    }

    /// <summary>The key table as of at most <see cref="FunctionKeyOptions.CacheDuration"/> ago (one query when older, shared by all waiting).</summary>
    private async Task<ConcurrentDictionary<string, StoredKey>> KeysAsync(CancellationToken ct)
    {
        if (_snapshot is { } fresh && fresh.ReadAt + options.Value.CacheDuration > time.GetUtcNow())
        {
            return fresh.Keys;
        }

        Task<Snapshot> reading;
        lock (_gate)
        {
            if (_snapshot is { } meanwhile && meanwhile.ReadAt + options.Value.CacheDuration > time.GetUtcNow())
            {
                return meanwhile.Keys; // read by another request meanwhile
            }

            // One read in flight at a time; a finished one (stale, or failed) is replaced.
            if (_reading is null || _reading.IsCompleted)
            {
                _reading = ReadAsync();
            }

            reading = _reading;
        }

        return (await reading.WaitAsync(ct)).Keys;
    }

    private async Task<Snapshot> ReadAsync()
    {
        var readAt = time.GetUtcNow();
        var keys = new ConcurrentDictionary<string, StoredKey>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        try
        {
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Caller", "Scopes", "Hash"]))
            {
                keys[row.RowKey] = new StoredKey(ToCaller(row), Convert.FromHexString(row.GetString("Hash") ?? ""));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No key table yet (no key was ever created): no key is valid.
        }

        var snapshot = new Snapshot(keys, readAt);
        _snapshot = snapshot;
        return snapshot;
    }

    private static FunctionCaller ToCaller(TableEntity row) => new(
        row.GetString("Caller") ?? "",
        (row.GetString("Scopes") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));

    private static void ValidateCaller(string caller)
    {
        if (string.IsNullOrWhiteSpace(caller) || caller.Length > 100 || caller.Any(char.IsControl))
        {
            throw new ArgumentException("The caller name must be 1-100 printable characters.", nameof(caller));
        }
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record StoredKey(FunctionCaller Caller, byte[] Hash);

    private sealed record Snapshot(ConcurrentDictionary<string, StoredKey> Keys, DateTimeOffset ReadAt);
}
