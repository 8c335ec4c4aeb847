using System.Globalization;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MedicalAssistance.Functions.Calendar;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Functions.Persons;

namespace MedicalAssistance.Functions.Claims;

/// <summary>A ledger as read, with the ETag its conditional write must match (null = not on record yet).</summary>
public sealed record LoadedLedger(ClaimLedgerState State, ETag? ETag);

/// <summary>
/// Table <c>claimledger</c>: PartitionKey = the person's bucket (first two hex digits of the person key), RowKey =
/// <c>{personKey}|{profile}</c>: the person's whole settlement in a profile as JSON compressed with Brotli, split over binary
/// properties <c>Z0</c>, <c>Z1</c>, … of at most 60,000 bytes (the table's 64 KiB limit per property; ledgers written before
/// as text in <c>Data0</c>, … are still read). Written only by single-entity ETag-conditional writes.
/// Table <c>claimindex</c>: PartitionKey = <c>{profile}|{serviceYear}</c>, RowKey = person key: whose ledgers a year's new
/// settlement parameters concern. Table <c>claimadjustments</c>: PartitionKey = <c>{profile}|{yyyyMM}</c> (month of the
/// change, China time), RowKey = the person key: whose ledgers changed in a month, which the monthly runs read to pay or
/// recover (one row per person and month, so a month of a million claims is a fifth of a million rows to page through).
/// </summary>
public sealed class ClaimLedgerStore(StorageAccount storage, string ledgerTable = ClaimLedgerStore.LedgerTableName,
    string indexTable = ClaimLedgerStore.IndexTableName, string adjustmentTable = ClaimLedgerStore.AdjustmentTableName)
{
    public const string LedgerTableName = "claimledger";
    public const string IndexTableName = "claimindex";
    public const string AdjustmentTableName = "claimadjustments";
    public const string LedgerTableKey = "Claims:LedgerTable";
    public const string IndexTableKey = "Claims:IndexTable";
    public const string AdjustmentTableKey = "Claims:AdjustmentTable";

    /// <summary>Binary properties of at most this many bytes (the table's limit is 64 KiB a property, 1 MiB an entity).</summary>
    private const int ChunkBytes = 60_000;
    private const int MaxChunks = 15;
    private const string PackedProperty = "Z";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TableClient _ledgers = storage.Table(ledgerTable);
    private readonly TableClient _index = storage.Table(indexTable);
    private readonly TableClient _adjustments = storage.Table(adjustmentTable);

    public TableClient LedgerTable => _ledgers;

    public static string RowKeyOf(string personKey, string profile) => personKey + "|" + profile;

    public async Task<LoadedLedger?> LoadAsync(string personKey, string profile, CancellationToken cancellationToken)
    {
        var response = await _ledgers.GetEntityIfExistsAsync<TableEntity>(PersonKeys.BucketOf(personKey), RowKeyOf(personKey, profile), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? new LoadedLedger(FromEntity(e), e.ETag) : null;
    }

    /// <summary>The profiles in which a person has a ledger (one range query inside the person's partition).</summary>
    public async Task<IReadOnlyList<string>> ProfilesOfAsync(string personKey, CancellationToken cancellationToken)
    {
        var list = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PersonKeys.BucketOf(personKey)} and RowKey gt {personKey + "|"} and RowKey lt {personKey + "}"}");
        await foreach (var e in _ledgers.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            list.Add(e.RowKey[(personKey.Length + 1)..]);
        }

        return list;
    }

    /// <summary>
    /// The ledgers (person key, profile) of the given persons: one range query per person bucket over the keys from the lowest
    /// to the highest of that bucket, instead of one query per person. A roster chunk holds the persons of a few buckets, so its
    /// recompute of a few hundred persons, most of them with no claims, costs a few requests instead of one each.
    /// </summary>
    public async Task<IReadOnlyList<(string PersonKey, string Profile)>> LedgersOfAsync(IEnumerable<string> personKeys, CancellationToken cancellationToken)
    {
        var list = new List<(string PersonKey, string Profile)>();
        foreach (var bucket in personKeys.Distinct(StringComparer.Ordinal).GroupBy(PersonKeys.BucketOf))
        {
            var wanted = bucket.ToHashSet(StringComparer.Ordinal);
            var (low, high) = (wanted.Min(StringComparer.Ordinal)!, wanted.Max(StringComparer.Ordinal)!);
            // '}' sorts after '|': every row key {high}|… is below high + "}".
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {bucket.Key} and RowKey gt {low + "|"} and RowKey lt {high + "}"}");
            await foreach (var e in _ledgers.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                var separator = e.RowKey.IndexOf('|', StringComparison.Ordinal);
                if (separator > 0 && wanted.Contains(e.RowKey[..separator]))
                {
                    list.Add((e.RowKey[..separator], e.RowKey[(separator + 1)..]));
                }
            }
        }

        return list;
    }

    /// <summary>Creates (no ETag) or replaces the ledger read with <paramref name="etag"/>; null when someone else wrote first.</summary>
    public async Task<ETag?> TryCommitAsync(ClaimLedgerState state, ETag? etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = etag is { } match
                ? await _ledgers.UpdateEntityAsync(ToEntity(state), match, TableUpdateMode.Replace, cancellationToken)
                : await _ledgers.AddEntityAsync(ToEntity(state), cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return null;
        }
    }

    /// <summary>Records that a person has claims served in a profile's year (an upsert: idempotent).</summary>
    public Task IndexAsync(string profile, int year, string personKey, CancellationToken cancellationToken) =>
        _index.UpsertEntityAsync(new TableEntity(IndexPartition(profile, year), personKey), TableUpdateMode.Replace, cancellationToken);

    /// <summary>As above for many persons, profiles and years: one transaction per 100 entries of a profile's year.</summary>
    public async Task IndexAsync(IEnumerable<(string Profile, int Year, string PersonKey)> entries, CancellationToken cancellationToken)
    {
        foreach (var partition in entries.Distinct().GroupBy(e => IndexPartition(e.Profile, e.Year), StringComparer.Ordinal))
        {
            foreach (var batch in partition.Chunk(100))
            {
                await _index.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                    new TableEntity(partition.Key, e.PersonKey))), cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<string>> PersonsWithClaimsInAsync(string profile, int year, CancellationToken cancellationToken)
    {
        var list = new List<string>();
        await foreach (var e in _index.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {IndexPartition(profile, year)}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            list.Add(e.RowKey);
        }

        return list;
    }

    /// <summary>The persons with claims served in a profile's year, streamed (the monthly monitoring run reads every one of them).</summary>
    public async IAsyncEnumerable<string> PersonsServedInAsync(string profile, int year, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in _index.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {IndexPartition(profile, year)}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            yield return e.RowKey;
        }
    }

    /// <summary>
    /// Records the months the committed ledgers changed in: one row per person and month, an upsert, so writing it again (a
    /// redelivery, an outbox carried into a later commit) changes nothing; the rows of one month partition go 100 per
    /// transaction. The adjustments themselves (claim, before, after, delta, cause) are the claims' history in the ledger.
    /// </summary>
    public async Task WriteAdjustmentsAsync(IEnumerable<ClaimLedgerState> states, CancellationToken cancellationToken)
    {
        var rows = states
            .SelectMany(state => state.Outbox.GroupBy(a => ChinaTime.DateOf(a.At).ToString("yyyyMM", CultureInfo.InvariantCulture))
                .Select(month => new TableEntity(state.Profile + "|" + month.Key, state.PersonKey) { ["At"] = month.Max(a => a.At), ["Claims"] = month.Select(a => a.ClaimId).Distinct().Count() }));
        foreach (var partition in rows.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            // A transaction may not hold one key twice: a person twice in the batch is one row.
            foreach (var batch in partition.DistinctBy(e => e.RowKey, StringComparer.Ordinal).Chunk(100))
            {
                await _adjustments.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// The persons with adjustments recorded for a profile and month (yyyyMM, China time), streamed in row-key order (a person's
    /// rows are consecutive, so each person comes once): which ledgers the monthly settlement run reads.
    /// </summary>
    public IAsyncEnumerable<string> PersonsWithAdjustmentsAsync(string profile, string month, CancellationToken cancellationToken) =>
        PersonsWithAdjustmentsAsync(profile, month, null, cancellationToken);

    /// <summary>As above, only the persons whose key sorts after <paramref name="afterPerson"/> (a run resuming from its checkpoint).</summary>
    public async IAsyncEnumerable<string> PersonsWithAdjustmentsAsync(string profile, string month, string? afterPerson,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? last = null;
        // '}' sorts after '|', so every row key of afterPerson ({personKey}|…) is below afterPerson + "}".
        var filter = afterPerson is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {profile + "|" + month}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {profile + "|" + month} and RowKey gt {afterPerson + "}"}");
        await foreach (var e in _adjustments.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            // A person's row, or (written before one row per person and month) one row per adjustment, {personKey}|{commit}|{n}.
            var separator = e.RowKey.IndexOf('|', StringComparison.Ordinal);
            var person = separator < 0 ? e.RowKey : e.RowKey[..separator];
            if (person != last)
            {
                last = person;
                yield return person;
            }
        }
    }

    /// <summary>Whether a person has any adjustment recorded for a profile and month (one range query inside the partition).</summary>
    public async Task<bool> HasAdjustmentsAsync(string profile, string month, string personKey, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {profile + "|" + month} and RowKey ge {personKey} and RowKey lt {personKey + "}"}");
        await foreach (var _ in _adjustments.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }

        return false;
    }

    private static string IndexPartition(string profile, int year) => FormattableString.Invariant($"{profile}|{year}");

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal Parse(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(ClaimLedgerState state)
    {
        var packed = Pack(state);
        var chunks = (packed.Length + ChunkBytes - 1) / ChunkBytes;
        if (chunks > MaxChunks)
        {
            throw new InvalidOperationException($"The claim ledger of a person in {state.Profile} has grown past {MaxChunks * ChunkBytes} bytes compressed ({state.Claims.Count} claims).");
        }

        var entity = new TableEntity(PersonKeys.BucketOf(state.PersonKey), RowKeyOf(state.PersonKey, state.Profile))
        {
            ["Chunks"] = chunks,
            ["Version"] = state.Version,
        };
        for (var i = 0; i < chunks; i++)
        {
            entity[PackedProperty + i.ToString(CultureInfo.InvariantCulture)] = packed.AsSpan(i * ChunkBytes, Math.Min(ChunkBytes, packed.Length - i * ChunkBytes)).ToArray();
        }

        return entity;
    }

    private static ClaimLedgerState FromEntity(TableEntity e)
    {
        var chunks = e.GetInt32("Chunks") ?? 0;
        var state = e.ContainsKey(PackedProperty + "0")
            ? Unpack(Enumerable.Range(0, chunks).Select(i => e.GetBinary(PackedProperty + i.ToString(CultureInfo.InvariantCulture))))
            // Written before ledgers were compressed: the JSON as text.
            : JsonSerializer.Deserialize<ClaimLedgerState>(string.Concat(Enumerable.Range(0, chunks).Select(i => e.GetString("Data" + i.ToString(CultureInfo.InvariantCulture)))), Json);
        return state ?? throw new InvalidOperationException($"Claim ledger {e.RowKey[..8]}… is empty.");
    }

    /// <summary>
    /// Brotli at a fast level. A ledger is mostly the engine's explanations, the same sentences in Chinese and English for every
    /// claim with other numbers: 5 claims are about 10,000 characters of JSON and a fraction of that compressed, which is what
    /// every claim of the person reads and writes again (and what the table's 1 MiB entity limit counts).
    /// </summary>
    private static byte[] Pack(ClaimLedgerState state)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(brotli, state, Json);
        }

        return output.ToArray();
    }

    private static ClaimLedgerState? Unpack(IEnumerable<byte[]> chunks)
    {
        using var input = new MemoryStream();
        foreach (var chunk in chunks)
        {
            input.Write(chunk);
        }

        input.Position = 0;
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        return JsonSerializer.Deserialize<ClaimLedgerState>(brotli, Json);
    }
}
