using Azure;

namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>A claim's payments by the settlement runs, oldest first, with the ETag a new payment's write must match (null = none yet).</summary>
public sealed record ClaimPayments(string PersonKey, string ClaimId, string Profile, IReadOnlyList<ClaimPayment> Payments, ETag? ETag)
{
    public PaidAmounts Paid => Payments.Count == 0 ? PaidAmounts.Zero : Payments[^1].After;

    public ClaimPayment? By(string run, string period) => Payments.FirstOrDefault(p => p.Run == run && p.Period == period);
}
