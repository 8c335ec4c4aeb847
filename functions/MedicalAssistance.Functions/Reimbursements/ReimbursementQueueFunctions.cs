using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Reimbursements;

public sealed class ReimbursementQueueFunctions(ManualClaimHandOver handOver)
{
    /// <summary>An approved manual reimbursement is handed over to claims settlement.</summary>
    [Function("ReimbursementApproved")]
    public Task ReimbursementApproved([QueueTrigger("%Reimbursements:Queue%")] ReimbursementApproved message, CancellationToken cancellationToken) =>
        handOver.RunAsync(message, cancellationToken);
}
