using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Functions.Persons;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// Queue <c>recompute</c>: after a roster changed persons' identity periods, every ledger of those persons; after a year's
/// settlement parameters were set, every person with claims served in that profile's year (held claims then settle). Each
/// ledger is written even when no result changed (<see cref="ClaimLedgerReconciler.RecomputeAsync"/> with touch), so a claim
/// applied at the same moment from the old inputs fails its ETag condition and computes again. Idempotent: computing again
/// from the same inputs changes no result. Also the <see cref="IPersonChangeListener"/> of the identity ledger.
/// </summary>
public sealed class ClaimRecomputation(ClaimLedgerReconciler reconciler, ClaimLedgerStore ledgers, QueueSender sender, ClaimQueueNames queues) : IPersonChangeListener
{
    private const int Parallelism = 8;
    private const int KeysPerMessage = 500;

    public async Task RunAsync(RecomputeRequest request, CancellationToken cancellationToken)
    {
        var work = new List<(string PersonKey, string Profile)>();
        if (request.Profile is { } profile && request.Year is { } year)
        {
            work.AddRange((await ledgers.PersonsWithClaimsInAsync(profile, year, cancellationToken)).Select(k => (k, profile)));
        }

        if (request.PersonKeys is { Count: > 0 } personKeys)
        {
            work.AddRange(await ledgers.LedgersOfAsync(personKeys, cancellationToken));
        }

        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (item, ct) => await reconciler.RecomputeAsync(item.PersonKey, item.Profile, request.Cause, touch: true, ct));
    }

    /// <summary>Queues the recompute of persons a roster changed (a few messages per roster chunk, not one per person).</summary>
    public async Task PersonsChangedAsync(IReadOnlyCollection<string> personKeys, CancellationToken cancellationToken)
    {
        foreach (var chunk in personKeys.Chunk(KeysPerMessage))
        {
            await sender.SendAsync(queues.Recompute, new RecomputeRequest(RecomputeCause.Identity, chunk), cancellationToken);
        }
    }

    /// <summary>Queues the recompute of a profile's year after its settlement parameters were set.</summary>
    public Task ParametersSetAsync(string profile, int year, CancellationToken cancellationToken) =>
        sender.SendAsync(queues.Recompute, new RecomputeRequest(RecomputeCause.Parameters, Profile: profile, Year: year), cancellationToken);
}
