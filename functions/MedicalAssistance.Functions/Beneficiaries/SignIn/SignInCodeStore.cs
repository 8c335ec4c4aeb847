using Azure;
using Azure.Data.Tables;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Functions.Persons;

namespace MedicalAssistance.Functions.Beneficiaries.SignIn;

/// <summary>
/// Table <c>signincodes</c> (<see cref="BeneficiaryOptions.CodesTable"/>): PartitionKey = the person key's bucket, RowKey = the
/// person key (an HMAC of the ID number, never the clear number). Every write is ETag-conditional.
/// </summary>
public sealed class SignInCodeStore(StorageAccount storage, Microsoft.Extensions.Options.IOptions<BeneficiaryOptions> options)
{
    private readonly TableClient _table = storage.Table(options.Value.CodesTable);

    public async Task<(SignInCode Code, ETag ETag)?> GetAsync(string personKey, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(PersonKeys.BucketOf(personKey), personKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? (FromEntity(e), e.ETag) : null;
    }

    /// <summary>Writes <paramref name="code"/> if the entity is still as read (<paramref name="etag"/> null: if there is none). False when someone else wrote first.</summary>
    public async Task<bool> TryWriteAsync(SignInCode code, ETag? etag, CancellationToken cancellationToken)
    {
        try
        {
            if (etag is { } match)
            {
                await _table.UpdateEntityAsync(ToEntity(code), match, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await _table.AddEntityAsync(ToEntity(code), cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(SignInCode c) => new(PersonKeys.BucketOf(c.PersonKey), c.PersonKey)
    {
        ["ChallengeId"] = c.ChallengeId,
        ["CodeHash"] = c.CodeHash,
        ["Deliverable"] = c.Deliverable,
        ["ExpiresAt"] = c.ExpiresAt,
        ["WrongTries"] = c.WrongTries,
        ["Used"] = c.Used,
        ["WindowStart"] = c.WindowStart,
        ["SentInWindow"] = c.SentInWindow,
        ["IssuedAt"] = c.IssuedAt,
        ["DeliveredChallenge"] = c.DeliveredChallenge,
    };

    private static SignInCode FromEntity(TableEntity e) => new()
    {
        PersonKey = e.RowKey,
        ChallengeId = e.GetString("ChallengeId") ?? "",
        CodeHash = e.GetString("CodeHash") ?? "",
        Deliverable = e.GetBoolean("Deliverable") ?? false,
        ExpiresAt = e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue,
        WrongTries = e.GetInt32("WrongTries") ?? 0,
        Used = e.GetBoolean("Used") ?? false,
        WindowStart = e.GetDateTimeOffset("WindowStart") ?? DateTimeOffset.MinValue,
        SentInWindow = e.GetInt32("SentInWindow") ?? 0,
        IssuedAt = e.GetDateTimeOffset("IssuedAt") ?? DateTimeOffset.MinValue,
        DeliveredChallenge = e.GetString("DeliveredChallenge"),
    };
}
