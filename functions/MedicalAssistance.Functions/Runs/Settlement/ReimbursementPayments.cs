using MedicalAssistance.Functions.Reimbursements;

namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>
/// An approved manual reimbursement (手工报销) becomes <c>paid</c> when the monthly settlement pays its claim (issue "Runs" 3):
/// the hand-over names the claim <c>manual-{applicationId}</c> (<see cref="ReimbursementService"/>). Moving to paid again is a
/// no-op, so an attempt done again changes nothing; an application not yet settled stays as it is.
/// </summary>
public sealed class ReimbursementPayments(ReimbursementService reimbursements) : ISettlementLineObserver
{
    public const string ClaimPrefix = Reimbursements.ManualClaim.ClaimIdPrefix;

    public async Task WrittenAsync(SettlementLine line, CancellationToken cancellationToken)
    {
        if (line.Channel == PayablesChannel.Manual && line.Kind != SettlementLineKind.Adjustment && line.Delta.Total > 0m
            && line.ClaimId.StartsWith(ClaimPrefix, StringComparison.Ordinal))
        {
            await reimbursements.MarkPaidAsync(line.ClaimId[ClaimPrefix.Length..], $"{MonthlySettlement.RunName} {line.PaidIn}", cancellationToken);
        }
    }
}
