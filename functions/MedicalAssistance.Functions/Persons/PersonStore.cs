using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using MedicalAssistance.Functions.Enrolment;
using MedicalAssistance.Functions.Hosting;

namespace MedicalAssistance.Functions.Persons;

/// <summary>A person's state as read, with the ETag its conditional write must match and the audit keys already written.</summary>
public sealed record LoadedPerson(PersonState State, ETag ETag, IReadOnlySet<string> AuditRowKeys)
{
    /// <summary>True when the last commit's audit records are not all written yet (a crash between commit and flush).</summary>
    public bool OutboxPending => State.Outbox.Audits.Any(a => !AuditRowKeys.Contains(a.RowKey));
}

/// <summary>
/// Table <c>persons</c> (architecture.md §4): PartitionKey = the first two hex digits of the person key (256 buckets),
/// RowKey = <c>{personKey}|{record}</c>: <c>|profile</c> (the whole mutable state, one entity) and
/// <c>|audit|{utc yyyyMMddHHmmssfffffff}|{batch}|{row}</c> (immutable). A person's record is one range query.
/// Table <c>exemptionledger</c> (免缴台账): PartitionKey = <c>{profile}|{year}</c>, RowKey = person key.
/// </summary>
public sealed class PersonStore(StorageAccount storage, string tableName = PersonStore.TableName, string exemptionTableName = PersonStore.ExemptionTableName)
{
    public const string TableName = "persons";
    public const string ExemptionTableName = "exemptionledger";
    public const string ProfileSuffix = "|profile";

    /// <summary>Azure allows at most 15 comparisons in a filter: 1 for the partition + 2 per person range.</summary>
    private const int PersonsPerQuery = 7;
    private const int MaxBatchEntities = 100;
    private const int MaxBatchChars = 2_000_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly string[] ProfileColumns =
        ["PartitionKey", "RowKey", "EncryptedIdNumber", "MaskedIdNumber", "EncryptedName", "NameFingerprint", "BirthDate", "Deceased", "DeceasedOn",
         "Identities", "Enrolments", "Version", "CommitId", "AppliedRows", "Outbox"];

    private readonly TableClient _persons = storage.Table(tableName);
    private readonly TableClient _exemptions = storage.Table(exemptionTableName);

    public TableClient PersonsTable => _persons;

    /// <summary>Reads the persons of one bucket, a few per range query; persons not on record are absent from the result.</summary>
    public async Task<Dictionary<string, LoadedPerson>> LoadAsync(string bucket, IReadOnlyCollection<string> personKeys, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, LoadedPerson>(StringComparer.Ordinal);
        foreach (var group in personKeys.Chunk(PersonsPerQuery))
        {
            var ranges = string.Join(" or ", group.Select(k => $"(RowKey ge '{k}|' and RowKey lt '{k}}}')"));
            var filter = $"PartitionKey eq '{bucket}' and ({ranges})";
            var profiles = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            var audits = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            // Only the profile's columns: audit entities come back as bare keys, which is all a reader needs of them.
            await foreach (var entity in _persons.QueryAsync<TableEntity>(filter, select: ProfileColumns, cancellationToken: cancellationToken))
            {
                var personKey = entity.RowKey[..entity.RowKey.IndexOf('|', StringComparison.Ordinal)];
                if (entity.RowKey.EndsWith(ProfileSuffix, StringComparison.Ordinal))
                {
                    profiles[personKey] = entity;
                }
                else if (entity.RowKey.Contains("|audit|", StringComparison.Ordinal))
                {
                    (audits.TryGetValue(personKey, out var set) ? set : audits[personKey] = new HashSet<string>(StringComparer.Ordinal)).Add(entity.RowKey);
                }
            }

            foreach (var (key, entity) in profiles)
            {
                result[key] = new LoadedPerson(FromEntity(key, entity), entity.ETag, audits.GetValueOrDefault(key) ?? []);
            }
        }

        return result;
    }

    public async Task<LoadedPerson?> LoadAsync(string personKey, CancellationToken cancellationToken) =>
        (await LoadAsync(PersonKeys.BucketOf(personKey), [personKey], cancellationToken)).GetValueOrDefault(personKey);

    /// <summary>
    /// Inserts new persons of one bucket in entity-group transactions. Inserts never overwrite: if any person exists already
    /// the transaction fails, and the caller falls back to the one-person path (which re-reads). Correctness never depends on
    /// the transaction being atomic (Azurite's are not).
    /// </summary>
    public async Task InsertNewAsync(IReadOnlyList<PersonState> states, CancellationToken cancellationToken)
    {
        foreach (var batch in Batches(states.Select(ToEntity)))
        {
            await _persons.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken);
        }
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
    /// Writes the outboxes of committed states: exemption entries first, audits last, all upserts of deterministic keys, so
    /// writing them twice is harmless and a present audit proves the rest of its outbox was written.
    /// </summary>
    public async Task FlushOutboxAsync(IReadOnlyCollection<PersonState> states, CancellationToken cancellationToken)
    {
        var exemptions = states.SelectMany(s => s.Outbox.Exemptions).Select(ToEntity).GroupBy(e => e.PartitionKey);
        foreach (var partition in exemptions)
        {
            foreach (var batch in Batches(partition))
            {
                await _exemptions.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
            }
        }

        var audits = states.SelectMany(s => s.Outbox.Audits.Select(a => ToEntity(s.PersonKey, a))).GroupBy(e => e.PartitionKey);
        foreach (var partition in audits)
        {
            foreach (var batch in Batches(partition))
            {
                await _persons.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
            }
        }
    }

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

        return list;
    }

    public async Task<ExemptionEntry?> GetExemptionAsync(string profile, int year, string personKey, CancellationToken cancellationToken)
    {
        var response = await _exemptions.GetEntityIfExistsAsync<TableEntity>(ExemptionPartition(profile, year), personKey, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } e)
        {
            return null;
        }

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
        ["BirthDate"] = s.BirthDate.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["Deceased"] = s.Deceased,
        ["DeceasedOn"] = s.DeceasedOn?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["Identities"] = JsonSerializer.Serialize(s.Identities, Json),
        ["Enrolments"] = JsonSerializer.Serialize(s.Enrolments, Json),
        ["Version"] = s.Version,
        ["CommitId"] = s.CommitId,
        ["AppliedRows"] = JsonSerializer.Serialize(s.AppliedRows, Json),
        ["Outbox"] = JsonSerializer.Serialize(s.Outbox, Json),
    };

    private static PersonState FromEntity(string personKey, TableEntity e) => new()
    {
        PersonKey = personKey,
        EncryptedIdNumber = e.GetString("EncryptedIdNumber"),
        MaskedIdNumber = e.GetString("MaskedIdNumber"),
        EncryptedName = e.GetString("EncryptedName"),
        NameFingerprint = e.GetString("NameFingerprint"),
        BirthDate = DateOnly.Parse(e.GetString("BirthDate"), System.Globalization.CultureInfo.InvariantCulture),
        Deceased = e.GetBoolean("Deceased") ?? false,
        DeceasedOn = e.GetString("DeceasedOn") is { } d ? DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture) : null,
        Identities = JsonSerializer.Deserialize<List<IdentityPeriod>>(e.GetString("Identities"), Json) ?? [],
        Enrolments = JsonSerializer.Deserialize<List<EnrolmentRecord>>(e.GetString("Enrolments"), Json) ?? [],
        Version = e.GetInt32("Version") ?? 0,
        CommitId = e.GetString("CommitId") ?? "",
        AppliedRows = JsonSerializer.Deserialize<List<string>>(e.GetString("AppliedRows") ?? "[]", Json) ?? [],
        Outbox = JsonSerializer.Deserialize<PersonOutbox>(e.GetString("Outbox") ?? "null", Json) ?? PersonOutbox.Empty,
    };

    private static TableEntity ToEntity(string personKey, AuditRecord a) => new(PersonKeys.BucketOf(personKey), a.RowKey)
    {
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

    /// <summary>Entity-group transactions: at most 100 entities and 4 MiB; string sizes are a cheap, safe estimate.</summary>
    private static IEnumerable<List<TableEntity>> Batches(IEnumerable<TableEntity> entities)
    {
        var batch = new List<TableEntity>();
        var chars = 0;
        foreach (var entity in entities)
        {
            var size = ((IDictionary<string, object>)entity).Values.Sum(v => v is string text ? text.Length : 16) + 200;
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
