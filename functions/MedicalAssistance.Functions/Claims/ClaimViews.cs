using MedicalAssistance.Contracts.Claims;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// <c>GET /api/claims/{id}</c> and the reversal: a claim as its person's ledger holds it (status, result with explanation, hold
/// reason, the year's accumulators, history). The ID number only masked. A claim not yet in its ledger is <c>queued</c>.
/// </summary>
public sealed class ClaimViews(ClaimStore claims, ClaimLedgerStore ledgers, QueueSender sender, ClaimQueueNames queues, TimeProvider time)
{
    private const int MaxAttempts = 20;

    public async Task<(ClaimView? View, ClaimProblem? Problem)> GetAsync(string id, ClaimSubmitter reader, CancellationToken cancellationToken)
    {
        var stored = await claims.GetAsync(id, cancellationToken);
        if (stored is null || !reader.May(stored.Value.Record.FacilityCode))
        {
            // A facility does not learn whether another facility's claim id exists.
            return (null, NotFound(id));
        }

        return (await ViewAsync(stored.Value.Record, cancellationToken), null);
    }

    /// <summary>Voids a claim (once; a second reversal answers as the first) and queues the recompute of the person's years.</summary>
    public async Task<(ClaimView? View, ClaimProblem? Problem)> ReverseAsync(string id, string? reason, ClaimSubmitter by, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return (null, new ClaimProblem(400, "REQUIRED", "reason", "请填写冲销原因 reason", "A reason is required to reverse a claim."));
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await claims.GetAsync(id, cancellationToken);
            if (stored is null || !by.May(stored.Value.Record.FacilityCode))
            {
                return (null, NotFound(id));
            }

            var record = stored.Value.Record;
            if (!record.Reversed)
            {
                var reversed = record with { ReversalReason = reason.Trim(), ReversedBy = by.Name, ReversedAt = time.GetUtcNow() };
                if (!await claims.TryReplaceAsync(reversed, stored.Value.ETag, cancellationToken))
                {
                    continue;
                }

                record = reversed;
            }

            // Queued again on every call: a crash after the record's write and before this send must not lose the reversal.
            await sender.SendAsync(queues.Claims, ClaimsQueued.One(ClaimIntake.MessageOf(record)), cancellationToken);
            return (await ViewAsync(record, cancellationToken), null);
        }

        throw new InvalidOperationException($"Claim record kept changing: gave up after {MaxAttempts} attempts.");
    }

    private async Task<ClaimView> ViewAsync(ClaimRecord record, CancellationToken cancellationToken)
    {
        var ledger = (await ledgers.LoadAsync(record.PersonKey, record.Profile, cancellationToken))?.State;
        var result = ledger?.Results.GetValueOrDefault(record.Id);
        var status = result?.Status ?? ClaimStatus.Queued;
        return new ClaimView(
            record.Id,
            record.Profile,
            status,
            record.MaskedIdNumber,
            record.FacilityCode,
            status == ClaimStatus.Settled
                ? new ClaimResultView(result!.Category, result.AccountingYear, result.DeductibleApplied, result.Assistance, result.Tilted, result.Secondary,
                    result.Total, result.Reason, new ClaimExplanationView(result.ExplanationZh ?? "", result.ExplanationEn ?? ""))
                : null,
            status == ClaimStatus.Held ? new ClaimHeldView(result!.HeldCode!, result.HeldField) : null,
            status == ClaimStatus.Settled ? result!.Ledger : null,
            ledger?.History.GetValueOrDefault(record.Id) ?? []);
    }

    private static ClaimProblem NotFound(string id) =>
        new(404, "CLAIM_NOT_FOUND", "id", $"未找到结算单据“{id}”", $"No claim '{id}'.");
}
