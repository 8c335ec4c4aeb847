namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// Told when a queued claim has been settled into its person's ledger (e.g. a manual reimbursement becomes "settled"). At least
/// once: a redelivered claim message tells again, so an implementation must be idempotent.
/// </summary>
public interface IClaimSettledListener
{
    Task SettledAsync(string claimId, CancellationToken cancellationToken);
}
