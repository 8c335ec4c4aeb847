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
/// Verified rows are cached for <see cref="FunctionKeyOptions.CacheDuration"/>; a revocation on this host takes effect at once,
/// on other hosts within the cache duration.
/// </summary>
public sealed class FunctionKeyStore(StorageAccount storage, TimeProvider time, IOptions<FunctionKeyOptions> options)
{
    public const string TableName = "hostkeys";
    private const string Partition = "key";
    private const int IdBytes = 8;
    private const int SecretBytes = 32;

    private readonly ConcurrentDictionary<string, CachedKey> _cache = new(StringComparer.Ordinal);

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
            _cache.TryRemove(row.RowKey, out _);
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

        var id = presentedKey[..dot];
        var stored = await FindAsync(id, ct);
        if (stored is null)
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(Hash(presentedKey), stored.Hash) ? stored.Caller : null;
    }

    private async Task<StoredKey?> FindAsync(string id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(id, out var cached) && cached.Expires > now)
        {
            return cached.Key;
        }

        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: ct);
        if (!response.HasValue || response.Value is not { } row)
        {
            // Unknown ids are not cached: the cache must not grow with whatever strangers send.
            _cache.TryRemove(id, out _);
            return null;
        }

        var key = new StoredKey(ToCaller(row), Convert.FromHexString(row.GetString("Hash") ?? ""));
        _cache[id] = new CachedKey(key, now + options.Value.CacheDuration);
        return key;
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

    private sealed record CachedKey(StoredKey Key, DateTimeOffset Expires);
}
