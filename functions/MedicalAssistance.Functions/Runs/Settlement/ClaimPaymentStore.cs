using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>
/// Table <c>runpayments</c>: the claim side's "paid in run X" marker. PartitionKey and RowKey as table <c>claims</c>
/// (<see cref="ClaimStore.KeyOf"/>); the payments as JSON. A payment is added by an insert or an ETag-conditional replace, so
/// of two runs paying the same claim version at once exactly one succeeds and the other reads again: every claim result
/// version is paid by exactly one run.
/// </summary>
public sealed class ClaimPaymentStore(StorageAccount storage, string tableName)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient _table = storage.Table(tableName);

    public async Task<ClaimPayments> GetAsync(string claimId, string profile, CancellationToken cancellationToken)
    {
        var (partition, row) = ClaimStore.KeyOf(claimId);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e
            ? new ClaimPayments(claimId, profile, JsonSerializer.Deserialize<List<ClaimPayment>>(e.GetString("Payments"), Json) ?? [], e.ETag)
            : new ClaimPayments(claimId, profile, [], null);
    }

    /// <summary>Adds <paramref name="payment"/> to the payments as read; false when another run wrote first (read again).</summary>
    public async Task<bool> TryAddAsync(ClaimPayments payments, ClaimPayment payment, CancellationToken cancellationToken)
    {
        var (partition, row) = ClaimStore.KeyOf(payments.ClaimId);
        var entity = new TableEntity(partition, row)
        {
            ["ClaimId"] = payments.ClaimId,
            ["Profile"] = payments.Profile,
            ["Payments"] = JsonSerializer.Serialize(payments.Payments.Append(payment), Json),
        };
        return await _table.TryWriteAsReadAsync(entity, payments.ETag, cancellationToken);
    }
}
