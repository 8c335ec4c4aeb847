using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// The claims feature's queue triggers: queue <c>claims</c> (a claim into its person's ledger) and queue <c>recompute</c>
/// (persons whose identities or settlement parameters changed). Thin: the work is in <see cref="ClaimLedgerReconciler"/> and
/// <see cref="ClaimRecomputation"/>.
/// </summary>
public sealed class ClaimQueueHandler(ClaimLedgerReconciler reconciler, ClaimRecomputation recomputation)
{
    public Task RunAsync(ClaimQueued message, CancellationToken cancellationToken) => reconciler.ApplyAsync(message, cancellationToken);

    public Task RunAsync(RecomputeRequest message, CancellationToken cancellationToken) => recomputation.RunAsync(message, cancellationToken);
}
