namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// What the claims feature's queue functions do (<see cref="ClaimQueueFunctions"/>): queue <c>claims</c> (a claim into its
/// person's ledger; the reconciler tells the <see cref="IClaimSettledListener"/>s of what it settled) and queue <c>recompute</c> (persons whose
/// identities or settlement parameters changed). The work is in <see cref="ClaimLedgerReconciler"/> and <see cref="ClaimRecomputation"/>.
/// </summary>
public sealed class ClaimQueueHandler(ClaimLedgerReconciler reconciler, ClaimRecomputation recomputation)
{
    public Task RunAsync(ClaimQueued message, CancellationToken cancellationToken) => reconciler.ApplyAsync(message, cancellationToken);

    public Task RunAsync(RecomputeRequest message, CancellationToken cancellationToken) => recomputation.RunAsync(message, cancellationToken);
}
