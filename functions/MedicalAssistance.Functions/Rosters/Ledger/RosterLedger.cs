using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using MedicalAssistance.Functions.Calendar;
using MedicalAssistance.Functions.Enrolment;
using MedicalAssistance.Functions.Persons;

namespace MedicalAssistance.Functions.Rosters.Ledger;

/// <summary>
/// Applies validated roster rows to persons (identity periods, deceased flag, subsidised enrolment, audit, exemption ledger).
/// Throughput: rows are grouped by person and persons by bucket, buckets run in parallel. Persons with only add rows are first
/// inserted optimistically, with their audits, in entity-group transactions (no read); the others, and those a transaction
/// finds on record, are read (one point read each) and written one by one. Correctness: every change to a person is one
/// ETag-conditional write (or insert) of the person's state entity; a conflict re-reads that person and merges again.
/// </summary>
public sealed partial class RosterLedger(
    PersonStore store,
    PersonKeys keys,
    IdProtector protector,
    EnrolmentParameterStore parameters,
    TimeProvider time,
    ILogger<RosterLedger> logger,
    IEnumerable<IPersonChangeListener>? listeners = null) : IRosterLedger
{
    /// <summary>Rows of one person per commit: keeps the outbox (audit snapshots) well under the 64 KiB property limit.</summary>
    private const int RowsPerCommit = 4;
    private const int MaxAttempts = 20;
    private const int BucketConcurrency = 16;

    private sealed record PersonWork(string PersonKey, List<(int Index, PersonRow Row)> Rows);

    public async Task<IReadOnlyList<RowOutcome>> ApplyAsync(RosterBatchContext batch, IReadOnlyList<RosterRow> rows, CancellationToken cancellationToken)
    {
        var outcomes = new RowOutcome[rows.Count];
        var persons = new Dictionary<string, PersonWork>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (!batch.Department.AllowedIdentityTypes.Contains(row.IdentityType))
            {
                outcomes[i] = new RowOutcome(row.Row, RowOutcomeKind.Rejected, LedgerErrors.TypeNotAllowed(row.Row, row.IdentityType));
            }
            else if (!IdNumber.TryParse(row.IdNumber, out var id))
            {
                outcomes[i] = new RowOutcome(row.Row, RowOutcomeKind.Rejected, LedgerErrors.InvalidIdNumber(row.Row));
            }
            else
            {
                var key = keys.KeyOf(id);
                (persons.TryGetValue(key, out var work) ? work : persons[key] = new PersonWork(key, [])).Rows.Add((i, new PersonRow(row, id, key)));
            }
        }

        var context = new MergeContext(batch, time.GetUtcNow(), await LoadParametersAsync(batch, cancellationToken), WorkingDayCalendar.China);
        var buckets = persons.Values.GroupBy(p => PersonKeys.BucketOf(p.PersonKey)).ToList();
        var exemptions = new ConcurrentBag<ExemptionEntry>();
        await Parallel.ForEachAsync(buckets, new ParallelOptions { MaxDegreeOfParallelism = BucketConcurrency, CancellationToken = cancellationToken },
            async (bucket, ct) => await ApplyBucketAsync(bucket.Key, bucket.ToList(), context, outcomes, exemptions, ct));

        // The exemption ledger is a view of the enrolments in the persons' states, written once per chunk in full
        // transactions. Should this fail or the process die first, re-applying the chunk writes the same entries again:
        // rows found already applied hand back their batch's entries (see ApplyPersonAsync).
        await store.WriteExemptionsAsync(exemptions, cancellationToken);

        // After the commits: a re-applied chunk answers its rows as applied again, so listeners hear of them again after a crash.
        var changed = persons.Values.Where(p => p.Rows.Any(r => outcomes[r.Index].Kind == RowOutcomeKind.Applied)).Select(p => p.PersonKey).ToList();
        if (changed.Count > 0)
        {
            foreach (var listener in listeners ?? [])
            {
                await listener.PersonsChangedAsync(changed, cancellationToken);
            }
        }

        var applied = outcomes.Count(o => o.Kind == RowOutcomeKind.Applied);
        var unchanged = outcomes.Count(o => o.Kind == RowOutcomeKind.Unchanged);
        LogApplied(logger, batch.BatchId, rows.Count, applied, unchanged, rows.Count - applied - unchanged);
        return outcomes;
    }

    private async Task<Func<int, EnrolmentParameters>> LoadParametersAsync(RosterBatchContext batch, CancellationToken cancellationToken)
    {
        // Enrolment is for the year of the push or the next one (policy-rules.md "Enrollment subsidy").
        var year = ChinaTime.DateOf(batch.ReceivedAt).Year;
        var byYear = new ConcurrentDictionary<int, EnrolmentParameters>();
        foreach (var y in new[] { year, year + 1 })
        {
            byYear[y] = await parameters.GetAsync(batch.Department.Profile, y, cancellationToken);
        }

        return y => byYear.GetValueOrDefault(y) ?? EnrolmentParameters.Missing;
    }

    private async Task ApplyBucketAsync(string bucket, List<PersonWork> persons, MergeContext context, RowOutcome[] outcomes,
        ConcurrentBag<ExemptionEntry> exemptions, CancellationToken cancellationToken)
    {
        var committed = new List<PersonState>();
        var auditsPending = new List<PersonState>();
        var single = new List<(PersonWork Work, PersonState? Attempted, IReadOnlyList<RowOutcome>? AttemptedOutcomes)>();

        // Optimistic first: most persons of a roster are new or unchanged, and a read per person costs as much as a write.
        // Merge as if each person were new and insert them with their audits in a few transactions; a transaction that
        // meets an existing person fails and its persons take the one-person path, which reads them first.
        var inserts = new Dictionary<string, (PersonWork Work, MergeResult Result)>(StringComparer.Ordinal);
        foreach (var person in persons)
        {
            // Only add rows can create a person; exits, changes and deaths concern persons on record, so read them first.
            if (person.Rows.Count > RowsPerCommit || person.Rows.Any(r => r.Row.Row.Change != RosterChange.Add))
            {
                single.Add((person, null, null));
                continue;
            }

            var result = Merge(null, person.Rows.Select(r => r.Row).ToList(), context);
            SetOutcomes(person, result.Outcomes, outcomes);
            if (result.Next is not null)
            {
                inserts[person.PersonKey] = (person, result);
            }
            else
            {
                single.Add((person, null, null));
            }
        }

        if (inserts.Count > 0)
        {
            var failed = (await store.TryInsertNewAsync(inserts.Values.Select(i => i.Result.Next!).ToList(), cancellationToken))
                .Select(s => s.PersonKey).ToHashSet(StringComparer.Ordinal);
            foreach (var (key, (work, result)) in inserts)
            {
                if (failed.Contains(key))
                {
                    single.Add((work, result.Next, result.Outcomes));
                }
                else
                {
                    // Inserted with its audits in the same transaction.
                    committed.Add(result.Next!);
                }
            }
        }

        var loaded = await store.LoadAsync(bucket, single.Where(s => s.Attempted is null).Select(s => s.Work.PersonKey).ToList(), cancellationToken);
        foreach (var (work, attempted, attemptedOutcomes) in single)
        {
            var states = await ApplyPersonAsync(work, loaded.GetValueOrDefault(work.PersonKey), attempted, attemptedOutcomes, context, outcomes, exemptions, cancellationToken);
            committed.AddRange(states);
            auditsPending.AddRange(states);
        }

        if (auditsPending.Count > 0)
        {
            await store.FlushAuditsAsync(auditsPending, cancellationToken);
        }

        foreach (var entry in committed.SelectMany(s => s.Outbox.Exemptions))
        {
            exemptions.Add(entry);
        }
    }

    /// <summary>The one-person path: merge a few rows, write with the ETag read, and on a conflict read again and merge again.</summary>
    private async Task<List<PersonState>> ApplyPersonAsync(
        PersonWork person, LoadedPerson? loaded, PersonState? attempted, IReadOnlyList<RowOutcome>? attemptedOutcomes,
        MergeContext context, RowOutcome[] outcomes, ConcurrentBag<ExemptionEntry> exemptions, CancellationToken cancellationToken)
    {
        var committed = new List<PersonState>();
        var state = loaded?.State;
        var etag = loaded?.ETag;
        // The bucket's read is fresh unless an optimistic insert of this person failed meanwhile.
        var fresh = attempted is null;
        foreach (var chunk in person.Rows.Chunk(RowsPerCommit))
        {
            var chunkRows = chunk.Select(c => c.Row).ToList();
            var chunkWork = person with { Rows = [.. chunk] };
            for (var attempt = 1; ; attempt++)
            {
                if (!fresh)
                {
                    var reread = await store.LoadAsync(person.PersonKey, cancellationToken);
                    if (attempted is not null && reread?.State.CommitId == attempted.CommitId)
                    {
                        // Our write landed although we were told otherwise (a retried request, or a partly applied transaction).
                        committed.Add(attempted);
                        SetOutcomes(chunkWork, attemptedOutcomes!, outcomes);
                        state = reread.State;
                        etag = reread.ETag;
                        attempted = null;
                        break;
                    }

                    attempted = null;

                    state = reread?.State;
                    etag = reread?.ETag;
                }

                var result = Merge(state, chunkRows, context);
                SetOutcomes(chunkWork, result.Outcomes, outcomes);
                if (result.Next is null)
                {
                    // Rows already applied by this batch: hand back the batch's exemption entries in case their write was lost.
                    foreach (var entry in state?.Outbox.Exemptions.Where(e => e.BatchId == context.Batch.BatchId) ?? [])
                    {
                        exemptions.Add(entry);
                    }

                    attempted = null;
                    fresh = true;
                    break;
                }

                if (state is not null)
                {
                    await store.EnsureOutboxWrittenAsync(state, cancellationToken);
                }

                var newEtag = await store.TryCommitAsync(result.Next, state is null ? null : etag, cancellationToken);
                if (newEtag is { } written)
                {
                    committed.Add(result.Next);
                    state = result.Next;
                    etag = written;
                    attempted = null;
                    fresh = true;
                    break;
                }

                if (attempt >= MaxAttempts)
                {
                    throw new InvalidOperationException($"Person record in bucket {PersonKeys.BucketOf(person.PersonKey)} kept changing: gave up after {MaxAttempts} attempts (batch {context.Batch.BatchId}).");
                }

                LogConflict(logger, context.Batch.BatchId, attempt);
                attempted = result.Next;
                attemptedOutcomes = result.Outcomes;
                fresh = false;
            }
        }

        return committed;
    }

    private MergeResult Merge(PersonState? current, IReadOnlyList<PersonRow> rows, MergeContext context) =>
        PersonMerge.Merge(current, rows, context, CreatePerson, keys.Fingerprint, protector.Protect);

    private PersonState CreatePerson(PersonRow row) => new()
    {
        PersonKey = row.PersonKey,
        EncryptedIdNumber = protector.Protect(row.IdNumber.Value),
        MaskedIdNumber = row.IdNumber.Masked,
        EncryptedName = protector.Protect(row.Row.Name),
        NameFingerprint = keys.Fingerprint(row.Row.Name),
        BirthDate = row.IdNumber.BirthDate,
    };

    private static void SetOutcomes(PersonWork person, IReadOnlyList<RowOutcome> result, RowOutcome[] outcomes)
    {
        // Merge returns one outcome per row, in order.
        for (var i = 0; i < person.Rows.Count && i < result.Count; i++)
        {
            outcomes[person.Rows[i].Index] = result[i];
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Roster batch {BatchId}: {Rows} rows, {Applied} applied, {Unchanged} unchanged, {Rejected} rejected")]
    private static partial void LogApplied(ILogger logger, string batchId, int rows, int applied, int unchanged, int rejected);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Roster batch {BatchId}: person record changed meanwhile, merging again (attempt {Attempt})")]
    private static partial void LogConflict(ILogger logger, string batchId, int attempt);
}
