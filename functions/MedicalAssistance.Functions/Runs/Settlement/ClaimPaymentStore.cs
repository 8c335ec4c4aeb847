using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>
/// Table <c>claimpayments</c>: the claim side's "paid in run X" marker. PartitionKey the person key (one partition per person,
/// so that a person's first payments are one entity-group transaction), RowKey the claim's row key in table <c>claims</c>
/// (<see cref="ClaimStore.KeyOf"/>); the payments as JSON. A payment is added by an insert or an ETag-conditional replace, so
/// of two runs paying the same claim version at once exactly one succeeds and the other reads again: every claim result
/// version is paid by exactly one run.
/// </summary>
public sealed class ClaimPaymentStore(StorageAccount storage, string tableName)
{
    /// <summary>Entity-group transactions hold at most 100 operations.</summary>
    private const int MaxTransaction = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient _table = storage.Table(tableName);

    public async Task<ClaimPayments> GetAsync(string personKey, string claimId, string profile, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(personKey, ClaimStore.KeyOf(claimId).Row, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e
            ? new ClaimPayments(personKey, claimId, profile, JsonSerializer.Deserialize<List<ClaimPayment>>(e.GetString("Payments"), Json) ?? [], e.ETag)
            : new ClaimPayments(personKey, claimId, profile, [], null);
    }

    /// <summary>Adds <paramref name="payment"/> to the payments as read; false when another run wrote first (read again).</summary>
    public Task<bool> TryAddAsync(ClaimPayments payments, ClaimPayment payment, CancellationToken cancellationToken) =>
        _table.TryWriteAsReadAsync(Entity(payments.PersonKey, payments.ClaimId, payments.Profile, [.. payments.Payments, payment]), payments.ETag, cancellationToken);

    /// <summary>
    /// Records each claim's first payment without reading first: one insert-only transaction per 100 claims of the person, which
    /// succeeds only when none of its claims has a payment yet (else nothing of it is written). Returns the claims of the
    /// transactions that failed: the caller pays those one by one as read (<see cref="GetAsync"/>, <see cref="TryAddAsync"/>).
    /// A month's claims are mostly paid for the first time, so this saves a read and a write per claim.
    /// </summary>
    public async Task<List<string>> AddFirstAsync(string personKey, string profile, IReadOnlyList<(string ClaimId, ClaimPayment Payment)> first,
        CancellationToken cancellationToken)
    {
        var left = new List<string>();
        foreach (var chunk in first.Chunk(MaxTransaction))
        {
            try
            {
                await _table.SubmitTransactionAsync(
                    chunk.Select(f => new TableTransactionAction(TableTransactionActionType.Add, Entity(personKey, f.ClaimId, profile, [f.Payment]))), cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                left.AddRange(chunk.Select(f => f.ClaimId));
            }
        }

        return left;
    }

    private static TableEntity Entity(string personKey, string claimId, string profile, IEnumerable<ClaimPayment> payments) =>
        new(personKey, ClaimStore.KeyOf(claimId).Row)
        {
            ["ClaimId"] = claimId,
            ["Profile"] = profile,
            ["Payments"] = JsonSerializer.Serialize(payments, Json),
        };
}
