using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Claims;

public sealed class ClaimQueueFunctions(ClaimQueueHandler handler)
{
    /// <summary>A claim accepted by <c>POST /api/claims</c>: settle it into its person's ledger (exactly once).</summary>
    [Function("ClaimQueued")]
    public Task ClaimQueued([QueueTrigger("%Claims:Queue%")] ClaimQueued message, CancellationToken cancellationToken) =>
        handler.RunAsync(message, cancellationToken);

    /// <summary>A person's identities changed: recompute their settled claims of the affected years (adjustments with the cause).</summary>
    [Function("RecomputeRequested")]
    public Task RecomputeRequested([QueueTrigger("%Claims:RecomputeQueue%")] RecomputeRequest message, CancellationToken cancellationToken) =>
        handler.RunAsync(message, cancellationToken);
}
