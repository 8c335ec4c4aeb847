namespace MedicalAssistance.Functions.Runs.FundLedger;

/// <summary>The trial balance of a period (试算平衡表): per profile and subject, the debits and credits posted by every run.</summary>
public static class TrialBalance
{
    public static async Task<IReadOnlyList<TrialBalanceRow>> ReadAsync(FundJournalStore journal, IEnumerable<string> profiles, string period, CancellationToken cancellationToken)
    {
        var rows = new List<TrialBalanceRow>();
        foreach (var profile in profiles)
        {
            var sums = new SortedDictionary<(string Code, string Detail), (decimal Debit, decimal Credit)>();
            await foreach (var line in journal.ReadAsync(profile, period, cancellationToken))
            {
                var (debit, credit) = sums.GetValueOrDefault((line.Code, line.Detail));
                sums[(line.Code, line.Detail)] = line.Side == JournalSide.Debit ? (debit + line.Amount, credit) : (debit, credit + line.Amount);
            }

            rows.AddRange(sums.Select(s => new TrialBalanceRow(profile, FundSubjects.Find(s.Key.Code, s.Key.Detail), s.Value.Debit, s.Value.Credit)));
        }

        return rows;
    }
}
