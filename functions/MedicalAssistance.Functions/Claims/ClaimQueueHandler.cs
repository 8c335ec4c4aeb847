using MedicalAssistance.Policy.Profiles;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// What the claims feature's queue functions do (<see cref="ClaimQueueFunctions"/>): queue <c>claims</c> (claims into their
/// persons' ledgers; the reconciler tells the <see cref="IClaimSettledListener"/>s of what it settled) and queue <c>recompute</c>
/// (persons whose identities or settlement parameters changed). The work is in <see cref="ClaimLedgerReconciler"/> and
/// <see cref="ClaimRecomputation"/>.
/// </summary>
public sealed class ClaimQueueHandler(ClaimLedgerReconciler reconciler, ClaimRecomputation recomputation, ClaimLedgerStore ledgerStore)
{
    /// <summary>Ledgers of one message worked on at once (a host holds up to the queue's batch size of messages).</summary>
    private const int Parallelism = 4;

    /// <summary>
    /// Each ledger's claims in message order, one after the other (they would only conflict with each other); different ledgers
    /// side by side. The message's ledgers share their index and outbox writes (<see cref="LedgerCommitBatch"/>): the year
    /// index entries of all its claims first, the outboxes of all its commits last. A claim that fails does not stop the others;
    /// the outboxes of those applied are still written, then the message fails as a whole and comes back, and the claims
    /// already applied find themselves applied (ledger ids and versions) and change nothing.
    /// </summary>
    public async Task RunAsync(ClaimsQueued message, CancellationToken cancellationToken)
    {
        await ledgerStore.IndexAsync(message.Claims.Where(c => !c.Reversed && PolicyProfiles.Find(c.Profile) is not null).Select(c => (c.Profile, ClaimInput.Read(c.Input).ServiceDate.Year, c.PersonKey)),
            cancellationToken);
        var batch = new LedgerCommitBatch { Indexed = true };
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var ledgers = message.Claims.GroupBy(c => (c.PersonKey, c.Profile));
        await Parallel.ForEachAsync(ledgers, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (claims, ct) =>
            {
                foreach (var claim in claims)
                {
                    try
                    {
                        await reconciler.ApplyAsync(claim, batch, ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        failures.Enqueue(ex);
                        return; // this ledger's later claims wait for the retry, in order
                    }
                }
            });

        await reconciler.WriteOutboxesAsync(batch, cancellationToken);
        if (!failures.IsEmpty)
        {
            if (failures.Count == 1)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failures.First());
            }

            throw new AggregateException($"{failures.Count} ledgers of the message failed.", failures);
        }
    }

    public Task RunAsync(RecomputeRequest message, CancellationToken cancellationToken) => recomputation.RunAsync(message, cancellationToken);
}
