using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using System.Text.Json;
using Azure.Data.Tables;
using Azure;
using MedicalAssistance.Functions.Enrolment;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Persons;

/// <summary>A person's state as read, with the ETag its conditional write must match.</summary>
public sealed record LoadedPerson(PersonState State, ETag ETag);

/// <summary>
/// Table <c>persons</c> (architecture.md §4): PartitionKey = the first two hex digits of the person key (256 buckets),
/// RowKey = <c>{personKey}|{record}</c>: <c>|profile</c> (the whole mutable state, one entity) and
/// <c>|audit|{utc yyyyMMddHHmmssfffffff}|{batch}|{row}</c> (immutable). A person's record is one range query; the
/// mutable part, one point read.
/// Table <c>exemptionledger</c> (免缴台账): PartitionKey = <c>{profile}|{year}</c>, RowKey = person key.
/// </summary>
public sealed class PersonStore(StorageAccount storage, string tableName = PersonStore.TableName, string exemptionTableName = PersonStore.ExemptionTableName)
{
    public const string TableName = "persons";
    public const string ExemptionTableName = "exemptionledger";
    public const string TableKey = "Persons:Table";
    public const string ExemptionTableKey = "Persons:ExemptionTable";
    public const string ProfileSuffix = "|profile";

    private const int ReadsPerBucket = 4;
    private const int MaxBatchEntities = 100;
    private const int MaxBatchChars = 2_000_000;

    // Chinese notes as UTF-8, not \uXXXX escapes (3 bytes a character instead of 6): these strings never reach HTML.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly TableClient _persons = storage.Table(tableName);
    private readonly TableClient _exemptions = storage.Table(exemptionTableName);

    public TableClient PersonsTable => _persons;

    /// <summary>
    /// Reads the persons of one bucket; persons not on record are absent from the result. The whole mutable record is the one
    /// <c>|profile</c> entity, so this is a point read per person: indexed on Azure and on Azurite (whose queries scan the
    /// whole table, which made range queries ~10× slower than point reads for a 100,000-row roster).
    /// </summary>
    public async Task<Dictionary<string, LoadedPerson>> LoadAsync(string bucket, IReadOnlyCollection<string> personKeys, CancellationToken cancellationToken)
    {
        var result = new ConcurrentDictionary<string, LoadedPerson>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(personKeys, new ParallelOptions { MaxDegreeOfParallelism = ReadsPerBucket, CancellationToken = cancellationToken }, async (key, ct) =>
        {
            var response = await _persons.GetEntityIfExistsAsync<TableEntity>(bucket, key + ProfileSuffix, cancellationToken: ct);
            if (response.HasValue && response.Value is { } entity)
            {
                result[key] = new LoadedPerson(FromEntity(key, entity), entity.ETag);
            }
        });
        return new Dictionary<string, LoadedPerson>(result, StringComparer.Ordinal);
    }

    public async Task<LoadedPerson?> LoadAsync(string personKey, CancellationToken cancellationToken) =>
        (await LoadAsync(PersonKeys.BucketOf(personKey), [personKey], cancellationToken)).GetValueOrDefault(personKey);

    /// <summary>
    /// Call before a commit replaces <paramref name="state"/>: if the commit that wrote it crashed (or is still running) before
    /// writing its audits, writes them now, so no change is ever left without its audit record.
    /// </summary>
    public async Task EnsureOutboxWrittenAsync(PersonState state, CancellationToken cancellationToken)
    {
        if (!await OutboxWrittenAsync(state, cancellationToken))
        {
            await FlushAuditsAsync([state], cancellationToken);
        }
    }

    /// <summary>
    /// Whether the outbox of <paramref name="state"/> has been written: its audits are written last, so the last one proves it.
    /// </summary>
    private async Task<bool> OutboxWrittenAsync(PersonState state, CancellationToken cancellationToken)
    {
        if (state.Outbox.Audits.Count == 0)
        {
            return true;
        }

        var last = state.Outbox.Audits[^1].RowKey;
        var response = await _persons.GetEntityIfExistsAsync<TableEntity>(PersonKeys.BucketOf(state.PersonKey), last, select: ["RowKey"], cancellationToken: cancellationToken);
        return response.HasValue;
    }

    /// <summary>
    /// Inserts persons not yet on record in entity-group transactions of one bucket. Inserts never overwrite: a transaction
    /// that meets an existing person fails, and its persons are returned for the caller's one-person path, which re-reads
    /// them; a person whose insert did land is recognised there by its commit id. State correctness never depends on
    /// atomicity. The creation's audit record stays in the profile's outbox (one entity per new person instead of two):
    /// <see cref="ReadAuditsAsync"/> shows it, and the person's next commit writes it out before replacing the outbox.
    /// </summary>
    /// <returns>The persons that were not (or not surely) inserted.</returns>
    public async Task<IReadOnlyList<PersonState>> TryInsertNewAsync(IReadOnlyList<PersonState> states, CancellationToken cancellationToken)
    {
        var failed = new List<PersonState>();
        var batches = Batches(states.Select(s => (State: s, Entity: ToEntity(s))), x => x.Entity).ToList();
        foreach (var batch in batches)
        {
            try
            {
                await _persons.SubmitTransactionAsync(batch.Select(x => new TableTransactionAction(TableTransactionActionType.Add, x.Entity)), cancellationToken);
            }
            catch (Exception ex) when (ex is TableTransactionFailedException or RequestFailedException)
            {
                failed.AddRange(batch.Select(x => x.State));
            }
        }

        return failed;
    }

    /// <summary>
    /// Creates a new person, or replaces the state read with <paramref name="etag"/>. Returns the new ETag, or null when someone
    /// else wrote first (the caller reads again and merges again).
    /// </summary>
    public async Task<ETag?> TryCommitAsync(PersonState state, ETag? etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = etag is { } match
                ? await _persons.UpdateEntityAsync(ToEntity(state), match, TableUpdateMode.Replace, cancellationToken)
                : await _persons.AddEntityAsync(ToEntity(state), cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes the audit records of committed states (upserts of deterministic keys: writing them twice is harmless).
    /// </summary>
    public async Task FlushAuditsAsync(IReadOnlyCollection<PersonState> states, CancellationToken cancellationToken)
    {
        var audits = states.SelectMany(s => s.Outbox.Audits.Select(a => ToEntity(s, a))).GroupBy(e => e.PartitionKey);
        foreach (var partition in audits)
        {
            foreach (var batch in Batches(partition))
            {
                await _persons.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Writes exemption-ledger entries (免缴台账), a cross-person view of the enrolments held in the persons' states:
    /// upserts, 100 per transaction, partitions in parallel.
    /// </summary>
    public async Task WriteExemptionsAsync(IEnumerable<ExemptionEntry> entries, CancellationToken cancellationToken)
    {
        var batches = entries.Select(ToEntity).GroupBy(e => e.PartitionKey).SelectMany(Batches).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, ct) =>
            await _exemptions.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct));
    }

    /// <summary>A person's audit trail: the written audit records plus those still in the profile's outbox, oldest first.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadAuditsAsync(string personKey, CancellationToken cancellationToken)
    {
        var list = new List<AuditRecord>();
        var prefix = personKey + "|audit|";
        var filter = $"PartitionKey eq '{PersonKeys.BucketOf(personKey)}' and RowKey ge '{prefix}' and RowKey lt '{personKey}|audit}}'";
        await foreach (var e in _persons.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(new AuditRecord(e.RowKey, e.GetDateTimeOffset("At") ?? default, e.GetString("SubmittedBy"), e.GetString("Department"),
                e.GetString("BatchId"), e.GetInt32("Row") ?? 0, e.GetString("Change"), e.GetString("IdentityType"), e.GetString("Before"), e.GetString("After")));
        }

        if (await LoadAsync(personKey, cancellationToken) is { } loaded)
        {
            var written = list.Select(a => a.RowKey).ToHashSet(StringComparer.Ordinal);
            list.AddRange(loaded.State.Outbox.Audits.Where(a => !written.Contains(a.RowKey)));
        }

        return list.OrderBy(a => a.RowKey, StringComparer.Ordinal).ToList();
    }

    public async Task<ExemptionEntry?> GetExemptionAsync(string profile, int year, string personKey, CancellationToken cancellationToken)
    {
        var response = await _exemptions.GetEntityIfExistsAsync<TableEntity>(ExemptionPartition(profile, year), personKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? FromExemptionEntity(profile, year, e) : null;
    }

    /// <summary>The exemption-ledger entries of a profile and year with the given status (one partition query).</summary>
    public async IAsyncEnumerable<ExemptionEntry> ReadExemptionsAsync(string profile, int year, EnrolmentStatus status,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ExemptionPartition(profile, year)} and Status eq {status.ToString()}");
        await foreach (var e in _exemptions.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return FromExemptionEntity(profile, year, e);
        }
    }

    /// <summary>Every exemption-ledger entry of a profile and year, streamed (one partition query): what the monthly enrolment list reads.</summary>
    public async IAsyncEnumerable<ExemptionEntry> ReadExemptionsAsync(string profile, int year,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ExemptionPartition(profile, year)}");
        await foreach (var e in _exemptions.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return FromExemptionEntity(profile, year, e);
        }
    }

    private static ExemptionEntry FromExemptionEntity(string profile, int year, TableEntity e)
    {
        var personKey = e.RowKey;
        return new ExemptionEntry(profile, year, personKey, e.GetString("MaskedIdNumber"), e.GetString("IdentityType"),
            Enum.Parse<SubsidyLevel>(e.GetString("Level")), e.GetString("Amount") is { } a ? decimal.Parse(a, System.Globalization.CultureInfo.InvariantCulture) : null,
            Enum.Parse<EnrolmentStatus>(e.GetString("Status")), DateOnly.Parse(e.GetString("RegisteredOn"), System.Globalization.CultureInfo.InvariantCulture),
            e.GetString("BatchId"), e.GetInt32("Row") ?? 0);
    }

    private static string ExemptionPartition(string profile, int year) => FormattableString.Invariant($"{profile}|{year}");

    private static TableEntity ToEntity(PersonState s) => new(PersonKeys.BucketOf(s.PersonKey), s.PersonKey + ProfileSuffix)
    {
        ["EncryptedIdNumber"] = s.EncryptedIdNumber,
        ["MaskedIdNumber"] = s.MaskedIdNumber,
        ["EncryptedName"] = s.EncryptedName,
        ["NameFingerprint"] = s.NameFingerprint,
        ["EncryptedPhone"] = s.EncryptedPhone,
        ["PhoneFingerprint"] = s.PhoneFingerprint,
        ["BirthDate"] = s.BirthDate.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["Deceased"] = s.Deceased,
        ["DeceasedOn"] = s.DeceasedOn?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["Identities"] = JsonSerializer.Serialize(s.Identities, Json),
        ["Enrolments"] = JsonSerializer.Serialize(s.Enrolments, Json),
        ["Version"] = s.Version,
        ["CommitId"] = s.CommitId,
        ["AppliedRows"] = JsonSerializer.Serialize(s.AppliedRows, Json),
        ["RowAnswers"] = s.RowAnswers.Count == 0 ? null : JsonSerializer.Serialize(s.RowAnswers, Json),
        ["Outbox"] = JsonSerializer.Serialize(s.Outbox, Json),
    };

    private static PersonState FromEntity(string personKey, TableEntity e) => new()
    {
        PersonKey = personKey,
        EncryptedIdNumber = e.GetString("EncryptedIdNumber"),
        MaskedIdNumber = e.GetString("MaskedIdNumber"),
        EncryptedName = e.GetString("EncryptedName"),
        NameFingerprint = e.GetString("NameFingerprint"),
        EncryptedPhone = e.GetString("EncryptedPhone"),
        PhoneFingerprint = e.GetString("PhoneFingerprint"),
        BirthDate = DateOnly.Parse(e.GetString("BirthDate"), System.Globalization.CultureInfo.InvariantCulture),
        Deceased = e.GetBoolean("Deceased") ?? false,
        DeceasedOn = e.GetString("DeceasedOn") is { } d ? DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture) : null,
        Identities = JsonSerializer.Deserialize<List<IdentityPeriod>>(e.GetString("Identities"), Json) ?? [],
        Enrolments = JsonSerializer.Deserialize<List<EnrolmentRecord>>(e.GetString("Enrolments"), Json) ?? [],
        Version = e.GetInt32("Version") ?? 0,
        CommitId = e.GetString("CommitId") ?? "",
        AppliedRows = JsonSerializer.Deserialize<List<string>>(e.GetString("AppliedRows") ?? "[]", Json) ?? [],
        RowAnswers = JsonSerializer.Deserialize<Dictionary<string, Rosters.RowOutcome>>(e.GetString("RowAnswers") ?? "{}", Json) ?? [],
        Outbox = JsonSerializer.Deserialize<PersonOutbox>(e.GetString("Outbox") ?? "null", Json) ?? PersonOutbox.Empty,
    };

    private static TableEntity ToEntity(PersonState s, AuditRecord a) => new(PersonKeys.BucketOf(s.PersonKey), a.RowKey)
    {
        ["CommitId"] = s.CommitId,
        ["At"] = a.At,
        ["SubmittedBy"] = a.SubmittedBy,
        ["Department"] = a.Department,
        ["BatchId"] = a.BatchId,
        ["Row"] = a.Row,
        ["Change"] = a.Change,
        ["IdentityType"] = a.IdentityType,
        ["Before"] = a.Before,
        ["After"] = a.After,
    };

    private static TableEntity ToEntity(ExemptionEntry x) => new(ExemptionPartition(x.Profile, x.Year), x.PersonKey)
    {
        ["MaskedIdNumber"] = x.MaskedIdNumber,
        ["IdentityType"] = x.IdentityType,
        ["Level"] = x.Level.ToString(),
        ["Amount"] = x.Amount?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Status"] = x.Status.ToString(),
        ["RegisteredOn"] = x.RegisteredOn.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["BatchId"] = x.BatchId,
        ["Row"] = x.Row,
    };

    private static int Size(TableEntity entity) => ((IDictionary<string, object>)entity).Values.Sum(v => v is string text ? text.Length : 16) + 200;

    /// <summary>Entity-group transactions: at most 100 entities and 4 MiB; string sizes are a cheap, safe estimate.</summary>
    private static IEnumerable<List<TableEntity>> Batches(IEnumerable<TableEntity> entities) => Batches(entities, e => e);

    private static IEnumerable<List<T>> Batches<T>(IEnumerable<T> items, Func<T, TableEntity> entityOf)
    {
        var batch = new List<T>();
        var chars = 0;
        foreach (var entity in items)
        {
            var size = Size(entityOf(entity));
            if (batch.Count == MaxBatchEntities || batch.Count > 0 && chars + size > MaxBatchChars)
            {
                yield return batch;
                batch = [];
                chars = 0;
            }

            batch.Add(entity);
            chars += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
