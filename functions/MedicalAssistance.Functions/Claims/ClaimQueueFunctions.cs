using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Claims;

public sealed class ClaimQueueFunctions(ClaimQueueHandler handler)
{
    /// <summary>Claims accepted by <c>POST /api/claims</c> (or reversed): settle each into its person's ledger (exactly once).</summary>
    [Function("ClaimQueued")]
    public Task ClaimQueued([QueueTrigger("%Claims:Queue%")] ClaimsQueued message, CancellationToken cancellationToken) =>
        handler.RunAsync(message, cancellationToken);

    /// <summary>A person's identities changed: recompute their settled claims of the affected years (adjustments with the cause).</summary>
    [Function("RecomputeRequested")]
    public Task RecomputeRequested([QueueTrigger("%Claims:RecomputeQueue%")] RecomputeRequest message, CancellationToken cancellationToken) =>
        handler.RunAsync(message, cancellationToken);
}
