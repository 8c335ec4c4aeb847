using MedicalAssistance.Functions.Claims;

namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>An approved application's claim (<c>manual-{applicationId}</c>) was settled: the application becomes settled (idempotent).</summary>
public sealed class ManualClaimSettled(ReimbursementService service) : IClaimSettledListener
{
    public async Task SettledAsync(string claimId, CancellationToken cancellationToken)
    {
        if (claimId.StartsWith(ManualClaim.ClaimIdPrefix, StringComparison.Ordinal))
        {
            await service.MarkSettledAsync(claimId[ManualClaim.ClaimIdPrefix.Length..], "claims", cancellationToken);
        }
    }
}
