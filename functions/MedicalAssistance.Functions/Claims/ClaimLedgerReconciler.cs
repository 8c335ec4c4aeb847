using System.Collections.Concurrent;
using MedicalAssistance.Contracts.Claims;
using MedicalAssistance.Functions.Claims.Parameters;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Policy.Profiles;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// Brings one person's ledger in a profile up to date: takes in a claim (new or reversed) and computes ALL the person's claims
/// in the profile again from the current identity periods and settlement parameters (architecture.md §4). Every result that
/// changed gets a history entry and an adjustment (before, after, delta, cause). The write is one ETag-conditional replace of
/// the ledger entity; a conflict starts again from a fresh read. Exactly once: the ledger records the claim ids and versions it
/// applied, so a duplicate message finds its claim applied and changes nothing; the adjustments of a commit are written after
/// it from the ledger's outbox (the next writer carries what it does not know to be written; a duplicate writes it again), and so are the
/// <see cref="IClaimSettledListener"/>s told of the claims the commit settled: a held claim that settles in a recompute (its
/// year's parameters arrived) is told as surely as one that settles on arrival.
/// </summary>
public sealed partial class ClaimLedgerReconciler(
    ClaimLedgerStore ledgers,
    PersonStore persons,
    SettlementParameterStore parameters,
    TimeProvider time,
    IEnumerable<IClaimSettledListener> listeners,
    ILogger<ClaimLedgerReconciler> logger)
{
    private const int MaxAttempts = 50;
    private const int RememberedCommits = 100_000;

    // Commits whose outbox this process wrote: only commits it did not write itself (a crash, another worker) are written again.
    private readonly ConcurrentDictionary<string, byte> _written = new(StringComparer.Ordinal);

    /// <summary>Applies a claim message; returns the claim's status afterwards.</summary>
    public Task<string> ApplyAsync(ClaimQueued claim, CancellationToken cancellationToken) => ApplyAsync(claim, null, cancellationToken);

    /// <summary>
    /// As above; with a <paramref name="batch"/>, the commit's outbox is left to <see cref="WriteOutboxesAsync"/> (and the year
    /// index to the batch when it says so), so that one message's ledgers share those writes.
    /// </summary>
    public Task<string> ApplyAsync(ClaimQueued claim, LedgerCommitBatch? batch, CancellationToken cancellationToken) =>
        ReconcileAsync(claim.PersonKey, claim.Profile, claim, claim.Reversed ? RecomputeCause.Reversal : RecomputeCause.Claim, touch: false, batch, cancellationToken);

    /// <summary>
    /// Computes a person's claims in a profile again. With <paramref name="touch"/> the ledger is written even when no result
    /// changed, so that a claim being applied concurrently from older inputs fails its ETag condition and reads again.
    /// </summary>
    public Task<string> RecomputeAsync(string personKey, string profile, string cause, bool touch, CancellationToken cancellationToken) =>
        ReconcileAsync(personKey, profile, null, cause, touch, null, cancellationToken);

    private async Task<string> ReconcileAsync(string personKey, string profile, ClaimQueued? claim, string cause, bool touch, LedgerCommitBatch? batch,
        CancellationToken cancellationToken)
    {
        var policy = PolicyProfiles.Get(profile);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var loaded = await ledgers.LoadAsync(personKey, profile, cancellationToken);
            if (loaded is null && claim is null)
            {
                return ClaimStatus.Queued; // no claims, nothing to compute
            }

            var state = loaded?.State ?? new ClaimLedgerState
            {
                PersonKey = personKey,
                Profile = profile,
                MaskedIdNumber = claim!.MaskedIdNumber,
                BirthDate = claim.BirthDate,
            };
            var claims = state.Claims.ToList();
            var lateArrival = false;
            if (claim is not null)
            {
                var index = claims.FindIndex(c => c.Id == claim.ClaimId);
                if (index >= 0 && claims[index].Version == claim.Version && (claims[index].Reversed || !claim.Reversed))
                {
                    // Applied already (a duplicate message, or a retry after a crash): only make sure its adjustments are written.
                    await EnsureOutboxWrittenAsync(state, batch, cancellationToken);
                    return state.Results.GetValueOrDefault(claim.ClaimId)?.Status ?? ClaimStatus.Queued;
                }

                if (index >= 0 && claims[index].Version != claim.Version)
                {
                    LogVersionMismatch(logger, profile);
                    return state.Results.GetValueOrDefault(claim.ClaimId)?.Status ?? ClaimStatus.Queued;
                }

                var serviceDate = ClaimInput.Read(claim.Input).ServiceDate;
                // Each stored claim's input parsed once (a chronic patient's ledger holds hundreds of visits).
                var live = claims.Where(c => !c.Reversed).Select(c => (c.Id, ClaimInput.Read(c.Input).ServiceDate)).ToList();
                if (batch is not { Indexed: true } && !live.Any(c => c.ServiceDate.Year == serviceDate.Year))
                {
                    // Before the ledger write: a year's new parameters find this person through the index (ParametersSetAsync).
                    await ledgers.IndexAsync(profile, serviceDate.Year, personKey, cancellationToken);
                }

                lateArrival = !claim.Reversed && live.Any(c => c.ServiceDate > serviceDate && state.Results.GetValueOrDefault(c.Id)?.Status == ClaimStatus.Settled);
                var applied = new LedgerClaim(claim.ClaimId, claim.Version, claim.Input, claim.FacilityCode, claim.Reversed, claim.ReversalReason, claim.FacilityName, claim.SettledOn);
                if (index >= 0)
                {
                    // A reversal queued before messages carried the date keeps the one the claim came with.
                    claims[index] = applied with { SettledOn = applied.SettledOn ?? claims[index].SettledOn, FacilityName = applied.FacilityName ?? claims[index].FacilityName };
                }
                else
                {
                    claims.Add(applied);
                }
            }

            // The person's identity periods as the ledger keeps them: a roster that changes them recomputes every ledger of the
            // person from a fresh read (ClaimRecomputation), so a claim need not read the person again. A new ledger, a
            // recompute, and a ledger from before they were kept read the person.
            var (identities, personVersion) = claim is not null && loaded?.State.Identities is { } kept
                ? (kept, state.PersonVersion)
                : await IdentitiesAsync(personKey, cancellationToken);
            var byYear = new Dictionary<int, string>();
            foreach (var year in UsesParameters(policy) ? claims.Where(c => !c.Reversed).Select(c => ClaimInput.Read(c.Input).ServiceDate.Year).Distinct() : [])
            {
                if (await parameters.GetAsync(profile, year, cancellationToken) is { } set)
                {
                    byYear[year] = set.Json;
                }
            }

            var results = PersonClaimSettlement.Settle(new PersonClaimInputs(policy, state.BirthDate, identities, claims, byYear));
            var now = time.GetUtcNow();
            var commitId = Guid.NewGuid().ToString("N");
            var (history, adjustments) = Changes(state, results, claim?.ClaimId, lateArrival ? RecomputeCause.LateClaim : cause, now, commitId);
            // A recompute that read newer identities writes them even when no result changed: later claims compute from them.
            var unchanged = claim is null && ResultsEqual(state.Results, results) && personVersion == state.PersonVersion && state.Identities is not null;
            if (unchanged && !touch)
            {
                return ClaimStatus.Settled;
            }

            var next = state with
            {
                Claims = claims,
                Results = results,
                History = history,
                Identities = identities,
                PersonVersion = personVersion,
                Version = state.Version + 1,
                CommitId = commitId,
                // The previous commits' adjustments not known to be written (another process made them, or crashed before
                // writing them) are carried into this outbox rather than written first: they are written with this commit's
                // own, in the same request when they fall in the same month, and stay in the ledger until then.
                Outbox = [.. state.Outbox.Where(a => !_written.ContainsKey(a.CommitId)), .. adjustments],
            };

            if (await ledgers.TryCommitAsync(next, loaded?.ETag, cancellationToken) is null)
            {
                LogConflict(logger, profile, attempt);
                continue;
            }

            await WriteOutboxAsync(next, batch, cancellationToken);
            if (loaded is null && await IdentityChangedSinceAsync(personKey, next.PersonVersion, cancellationToken))
            {
                // A roster changed the person while this first ledger was being written; its recompute may have found no
                // ledger yet, so compute again from the new identities.
                await ReconcileAsync(personKey, profile, null, RecomputeCause.Identity, touch: false, batch, cancellationToken);
                return claim is null
                    ? ClaimStatus.Settled
                    : (await ledgers.LoadAsync(personKey, profile, cancellationToken))?.State.Results.GetValueOrDefault(claim.ClaimId)?.Status ?? ClaimStatus.Queued;
            }

            return claim is null ? ClaimStatus.Settled : results.GetValueOrDefault(claim.ClaimId)?.Status ?? ClaimStatus.Queued;
        }

        throw new InvalidOperationException($"Claim ledger in {profile} (bucket {PersonKeys.BucketOf(personKey)}) kept changing: gave up after {MaxAttempts} attempts.");
    }

    private async Task<(IReadOnlyList<IdentityPeriod> Identities, int Version)> IdentitiesAsync(string personKey, CancellationToken cancellationToken) =>
        await persons.LoadAsync(personKey, cancellationToken) is { } person ? (person.State.Identities, person.State.Version) : ([], -1);

    /// <summary>
    /// Whether the profile's settlement reads operator parameters at all (policy-rules.md: Meizhou's and Inner Mongolia's
    /// benefit tables, Baoshan's and Inner Mongolia's income statistics); Jieyang's and Tumxuk's rules need none, so their
    /// claims skip the read (the engine would ignore what it found).
    /// </summary>
    private static bool UsesParameters(PolicyProfile policy) => policy.OperatorBenefits || policy.RequiredParameters.Count > 0;

    private async Task<bool> IdentityChangedSinceAsync(string personKey, int version, CancellationToken cancellationToken) =>
        ((await persons.LoadAsync(personKey, cancellationToken))?.State.Version ?? -1) != version;

    /// <summary>History entries and adjustments for every claim whose status or total changed.</summary>
    private static (Dictionary<string, IReadOnlyList<ClaimHistoryEntry>> History, List<ClaimAdjustment> Adjustments) Changes(
        ClaimLedgerState state, Dictionary<string, LedgerResult> results, string? claimId, string cause, DateTimeOffset now, string commitId)
    {
        var history = state.History.ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
        var adjustments = new List<ClaimAdjustment>();
        foreach (var (id, after) in results.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var before = state.Results.GetValueOrDefault(id);
            var beforeTotal = before?.Status == ClaimStatus.Settled ? before.Total : 0m;
            var afterTotal = after.Status == ClaimStatus.Settled ? after.Total : 0m;
            string? eventName = after.Status switch
            {
                ClaimStatus.Reversed when before?.Status != ClaimStatus.Reversed => ClaimStatus.EventReversed,
                ClaimStatus.Settled when before?.Status != ClaimStatus.Settled => ClaimStatus.EventSettled,
                _ when before?.Status == ClaimStatus.Settled && (after.Status != ClaimStatus.Settled || afterTotal != beforeTotal) => ClaimStatus.EventAdjusted,
                _ => null,
            };
            if (eventName is null)
            {
                continue;
            }

            var entryCause = id == claimId ? (cause == RecomputeCause.LateClaim ? RecomputeCause.Claim : cause) : cause;
            var delta = afterTotal - beforeTotal;
            history[id] = [.. history.GetValueOrDefault(id) ?? [], new ClaimHistoryEntry(now, eventName, afterTotal, delta, entryCause)];
            var year = after.Status == ClaimStatus.Settled ? after.AccountingYear : before?.AccountingYear ?? 0;
            adjustments.Add(new ClaimAdjustment(id, year, beforeTotal, afterTotal, delta, entryCause, now, commitId));
        }

        return (history, adjustments);
    }

    private static bool ResultsEqual(IReadOnlyDictionary<string, LedgerResult> a, Dictionary<string, LedgerResult> b) =>
        a.Count == b.Count && a.All(x => b.TryGetValue(x.Key, out var y) && x.Value == y);

    private async Task EnsureOutboxWrittenAsync(ClaimLedgerState state, LedgerCommitBatch? batch, CancellationToken cancellationToken)
    {
        if (state.Outbox.Any(a => !_written.ContainsKey(a.CommitId)))
        {
            await WriteOutboxAsync(state, batch, cancellationToken);
        }
    }

    /// <summary>Writes a commit's outbox now, or leaves it to the batch's <see cref="WriteOutboxesAsync"/>.</summary>
    private async Task WriteOutboxAsync(ClaimLedgerState state, LedgerCommitBatch? batch, CancellationToken cancellationToken)
    {
        if (batch is not null)
        {
            batch.Add(state, SettledBy(state));
            return;
        }

        var single = new LedgerCommitBatch();
        single.Add(state, SettledBy(state));
        await WriteOutboxesAsync(single, cancellationToken);
    }

    /// <summary>
    /// Writes the outboxes of a batch's commits (adjustments of one month partition together), then tells the listeners of the
    /// claims they settled. Upserts of keys fixed by each commit: writing twice is harmless.
    /// </summary>
    public async Task WriteOutboxesAsync(LedgerCommitBatch batch, CancellationToken cancellationToken)
    {
        var commits = batch.Commits;
        await ledgers.WriteAdjustmentsAsync(commits.Select(c => c.State), cancellationToken);
        foreach (var claimId in commits.SelectMany(c => c.Settled))
        {
            foreach (var listener in listeners)
            {
                await listener.SettledAsync(claimId, cancellationToken);
            }
        }

        if (_written.Count > RememberedCommits)
        {
            _written.Clear();
        }

        foreach (var commit in commits.SelectMany(c => c.State.Outbox.Select(a => a.CommitId).Append(c.State.CommitId)))
        {
            _written[commit] = 0;
        }
    }

    /// <summary>The claims this commit made settled: each outbox entry has its history entry, the claim's last one.</summary>
    private static IEnumerable<string> SettledBy(ClaimLedgerState state) =>
        state.Outbox.Select(a => a.ClaimId).Distinct(StringComparer.Ordinal).Where(id =>
            state.Results.GetValueOrDefault(id)?.Status == ClaimStatus.Settled &&
            state.History.GetValueOrDefault(id) is [.., { Event: ClaimStatus.EventSettled }]);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Claim ledger {Profile}: changed meanwhile, computing again (attempt {Attempt})")]
    private static partial void LogConflict(ILogger logger, string profile, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claim ledger {Profile}: a message carries another version of a claim already applied; ignored (claim ids are unique, intake refuses a changed claim)")]
    private static partial void LogVersionMismatch(ILogger logger, string profile);
}
