using System.Globalization;
using Azure;
using Azure.Data.Tables;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Runs.FundLedger;

/// <summary>
/// Table <c>fundjournal</c>: PartitionKey = <c>{profile}|{period}</c> (a county's books for a month), RowKey =
/// <c>{run}|{code}|{detail}|{side}</c>. Lines are only ever inserted: posting the same line again (an attempt taken over) is
/// a no-op, and a different amount under a posted key is refused: a posted period is corrected by lines of a later run
/// (adjustments, recoveries), never edited.
/// </summary>
public sealed class FundJournalStore(StorageAccount storage, string tableName)
{
    private readonly TableClient _table = storage.Table(tableName);

    public async Task PostAsync(IEnumerable<JournalLine> lines, CancellationToken cancellationToken)
    {
        foreach (var line in lines)
        {
            var entity = new TableEntity(Partition(line.Profile, line.Period), $"{line.Run}|{line.Code}|{line.Detail}|{line.Side}")
            {
                ["Run"] = line.Run,
                ["Code"] = line.Code,
                ["Detail"] = line.Detail,
                ["Side"] = line.Side,
                ["Amount"] = line.Amount.ToString(CultureInfo.InvariantCulture),
            };
            try
            {
                await _table.AddEntityAsync(entity, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                var posted = await _table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
                if (Parse(posted.Value.GetString("Amount")) != line.Amount)
                {
                    throw new InvalidOperationException(
                        $"Journal line {entity.RowKey} of {entity.PartitionKey} is posted with another amount; a posted period is corrected only by later entries.");
                }
            }
        }
    }

    /// <summary>Every line posted to a profile's books for a period.</summary>
    public async IAsyncEnumerable<JournalLine> ReadAsync(string profile, string period, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(profile, period)}"), cancellationToken: cancellationToken))
        {
            yield return new JournalLine(profile, period, e.GetString("Run"), e.GetString("Code"), e.GetString("Detail"), e.GetString("Side"), Parse(e.GetString("Amount")));
        }
    }

    private static string Partition(string profile, string period) => profile + "|" + period;

    private static decimal Parse(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
