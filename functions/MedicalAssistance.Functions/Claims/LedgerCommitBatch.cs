using System.Collections.Concurrent;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// The storage work that the ledgers of one claims message share, done once for all of them instead of once per claim: the
/// year index entries (<see cref="ClaimLedgerStore.IndexAsync(IEnumerable{ValueTuple{string, int, string}}, CancellationToken)"/>)
/// are written before any ledger, and the outboxes of the commits after all of them, a transaction per month partition.
/// Until they are written the outboxes stay in the ledgers, so a crash in between loses nothing: the next commit of a ledger
/// carries them, and the message's redelivery finds its claims applied and writes them (<see cref="ClaimLedgerReconciler"/>).
/// </summary>
public sealed class LedgerCommitBatch
{
    private readonly ConcurrentDictionary<string, Committed> _latest = new(StringComparer.Ordinal);

    /// <summary>The claims' year index entries are written already: the reconciler need not write its own.</summary>
    public bool Indexed { get; init; }

    /// <summary>The latest commit of each ledger (its outbox holds what the earlier ones left unwritten) and the claims settled.</summary>
    internal IReadOnlyCollection<Committed> Commits => [.. _latest.Values];

    internal void Add(ClaimLedgerState state, IEnumerable<string> settled) =>
        _latest.AddOrUpdate(ClaimLedgerStore.RowKeyOf(state.PersonKey, state.Profile), _ => new Committed(state, [.. settled]),
            (_, earlier) => new Committed(state.Version >= earlier.State.Version ? state : earlier.State, [.. earlier.Settled.Union(settled, StringComparer.Ordinal)]));

    internal sealed record Committed(ClaimLedgerState State, IReadOnlyList<string> Settled);
}
