using System.Globalization;
using Azure;
using Azure.Data.Tables;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Runs.FundLedger;

/// <summary>
/// Table <c>fundjournal</c>: PartitionKey = <c>{profile}|{period}</c> (a county's books for a month), RowKey =
/// <c>{run}|{code}|{detail}|{side}</c>. Lines are only ever inserted, never edited: posting a run's lines again (an attempt
/// taken over) changes nothing when they are what is posted; when claims changed between a crashed attempt's posting and the
/// next attempt, the difference per subject is posted as correcting lines of that attempt
/// (<c>{run}|{code}|{detail}|corr{attempt}</c>, on the side that brings the subject to the new amount). Both sets balance,
/// so the corrections balance too.
/// </summary>
public sealed class FundJournalStore(StorageAccount storage, string tableName)
{
    private readonly TableClient _table = storage.Table(tableName);

    public async Task PostAsync(IReadOnlyList<JournalLine> lines, int attempt, CancellationToken cancellationToken)
    {
        foreach (var books in lines.GroupBy(l => (l.Profile, l.Period, l.Run)))
        {
            var posted = new List<JournalLine>();
            await foreach (var line in ReadAsync(books.Key.Profile, books.Key.Period, cancellationToken))
            {
                if (line.Run == books.Key.Run)
                {
                    posted.Add(line);
                }
            }

            if (posted.Count == 0)
            {
                foreach (var line in books)
                {
                    await InsertAsync(line, $"{line.Run}|{line.Code}|{line.Detail}|{line.Side}", cancellationToken);
                }

                continue;
            }

            var wanted = Net(books);
            var have = Net(posted);
            foreach (var subject in wanted.Keys.Union(have.Keys).Order())
            {
                var difference = wanted.GetValueOrDefault(subject) - have.GetValueOrDefault(subject);
                if (difference != 0m)
                {
                    var side = difference > 0m ? JournalSide.Debit : JournalSide.Credit;
                    var line = new JournalLine(books.Key.Profile, books.Key.Period, books.Key.Run, subject.Code, subject.Detail, side, Math.Abs(difference));
                    await InsertAsync(line, FormattableString.Invariant($"{line.Run}|{line.Code}|{line.Detail}|corr{attempt}"), cancellationToken);
                }
            }
        }
    }

    /// <summary>Debits less credits per subject.</summary>
    private static Dictionary<(string Code, string Detail), decimal> Net(IEnumerable<JournalLine> lines) => lines
        .GroupBy(l => (l.Code, l.Detail))
        .ToDictionary(g => g.Key, g => g.Sum(l => l.Side == JournalSide.Debit ? l.Amount : -l.Amount));

    private async Task InsertAsync(JournalLine line, string rowKey, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(line.Profile, line.Period), rowKey)
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
            // Posted by this attempt before it was interrupted (the same key holds the same line).
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
