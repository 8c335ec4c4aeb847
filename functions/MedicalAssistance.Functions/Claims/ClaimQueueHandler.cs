namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// What the claims feature's queue functions do (<see cref="ClaimQueueFunctions"/>): queue <c>claims</c> (a claim into its
/// person's ledger, then the <see cref="IClaimSettledListener"/>s once it is settled) and queue <c>recompute</c> (persons whose
/// identities or settlement parameters changed). The work is in <see cref="ClaimLedgerReconciler"/> and <see cref="ClaimRecomputation"/>.
/// </summary>
public sealed class ClaimQueueHandler(ClaimLedgerReconciler reconciler, ClaimRecomputation recomputation, IEnumerable<IClaimSettledListener> listeners)
{
    public async Task RunAsync(ClaimQueued message, CancellationToken cancellationToken)
    {
        if (await reconciler.ApplyAsync(message, cancellationToken) != ClaimStatus.Settled)
        {
            return;
        }

        foreach (var listener in listeners)
        {
            await listener.SettledAsync(message.ClaimId, cancellationToken);
        }
    }

    public Task RunAsync(RecomputeRequest message, CancellationToken cancellationToken) => recomputation.RunAsync(message, cancellationToken);
}
