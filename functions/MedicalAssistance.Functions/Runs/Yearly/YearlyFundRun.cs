using MedicalAssistance.Functions.Csv;
using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Policy.Profiles;

namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// A yearly run for a fund year (period <c>yyyy</c>) carried out by <see cref="PeriodRunner"/>, exactly once per name and year:
/// computes its rule's amounts (<see cref="IYearlyRule"/>), writes them with their explanation to <c>amounts.csv</c> (UTF-8 with BOM,
/// formula-safe) and <c>amounts.xlsx</c>, posts each as a balanced journal entry (<see cref="FundJournalStore"/>: keyed by run,
/// subject and side, so an attempt done again posts nothing twice, and a difference is posted as correcting lines, never an edit),
/// then writes the trial balance of every month it posted to (<c>trial-balance.csv</c>, <c>.xlsx</c>).
/// </summary>
public sealed class YearlyFundRun(IYearlyRule rule, FundJournalStore journal, RunOutputs outputs) : IPeriodRun
{
    public string Name => rule.Name;

    public YearlyCalendar Calendar => rule.Calendar;

    public DateOnly OpensOn(RunPeriod period) => rule.Calendar.OpensOn(period.Year);

    public async Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var period = context.Period;
        if (period.Month is not null)
        {
            throw new ArgumentException($"{Name} runs for a year (yyyy), not for the month {period}.", nameof(context));
        }

        var year = period.Year;
        var key = period.ToString();
        await context.ReportAsync(0, 1, "computing", cancellationToken);
        var amounts = await rule.ComputeAsync(year, cancellationToken);

        await using (var csv = new ExcelCsvWriter(await outputs.OpenWriteAsync(Name, key, YearlyFiles.Amounts, cancellationToken)))
        {
            await csv.WriteRowAsync(YearlyFiles.AmountsHeader, cancellationToken);
            foreach (var amount in amounts)
            {
                await csv.WriteRowAsync(YearlyFiles.AmountsRow(year, amount), cancellationToken);
            }
        }

        await WriteXlsxAsync(key, YearlyFiles.AmountsXlsx, "amounts", YearlyFiles.AmountsHeader, amounts.Select(a => YearlyFiles.AmountsCells(year, a)), cancellationToken);
        await journal.PostAsync(JournalLines(amounts), context.State.Attempt, cancellationToken);

        var profiles = PolicyProfiles.All.Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
        var balances = new List<(string Period, TrialBalanceRow Row)>();
        foreach (var month in rule.PostingPeriods(year))
        {
            balances.AddRange((await TrialBalance.ReadAsync(journal, profiles, month, cancellationToken)).Select(r => (month, r)));
        }

        await using (var csv = new ExcelCsvWriter(await outputs.OpenWriteAsync(Name, key, YearlyFiles.TrialBalance, cancellationToken)))
        {
            await csv.WriteRowAsync(YearlyFiles.TrialBalanceHeader, cancellationToken);
            foreach (var (month, row) in balances)
            {
                await csv.WriteRowAsync(YearlyFiles.TrialBalanceRow(month, row), cancellationToken);
            }
        }

        await WriteXlsxAsync(key, YearlyFiles.TrialBalanceXlsx, "trial-balance", YearlyFiles.TrialBalanceHeader,
            balances.Select(b => YearlyFiles.TrialBalanceCells(b.Period, b.Row)), cancellationToken);
        await context.ReportAsync(1, 1, "outputs", cancellationToken);
        return new RunResult(Totals(amounts), YearlyFiles.All);
    }

    /// <summary>The journal lines of the amounts: per books (profile, month, run) and subject side, the sum of the amounts posted there.</summary>
    public IReadOnlyList<JournalLine> JournalLines(IEnumerable<YearlyAmount> amounts)
    {
        var sums = new SortedDictionary<(string Profile, string Period, string Run, string Code, string Detail, string Side), decimal>();
        void Post(YearlyAmount a, FundSubject subject, string side, decimal amount)
        {
            var key = (a.Profile, a.PostingPeriod, a.JournalRun ?? Name, subject.Code, subject.Detail, side);
            sums[key] = sums.GetValueOrDefault(key) + amount;
        }

        foreach (var a in amounts.Where(a => a.Amount != 0m))
        {
            var (debit, credit) = a.Amount > 0m ? (a.Debit, a.Credit) : (a.Credit, a.Debit);
            Post(a, debit, JournalSide.Debit, Math.Abs(a.Amount));
            Post(a, credit, JournalSide.Credit, Math.Abs(a.Amount));
        }

        return [.. sums.Select(s => new JournalLine(s.Key.Profile, s.Key.Period, s.Key.Run, s.Key.Code, s.Key.Detail, s.Key.Side, s.Value))];
    }

    /// <summary>Per profile: the number of amounts and their sum (<c>total</c> in <c>GET /api/runs/{name}/{yyyy}</c>).</summary>
    private static Dictionary<string, RunTotals> Totals(IEnumerable<YearlyAmount> amounts) => amounts
        .GroupBy(a => a.Profile, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => new RunTotals(g.Count(), 0m, 0m, 0m, g.Sum(a => a.Amount)), StringComparer.Ordinal);

    private async Task WriteXlsxAsync(string period, string file, string sheet, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object>> rows,
        CancellationToken cancellationToken)
    {
        using var xlsx = new MemoryStream();
        XlsxTableWriter.Write(xlsx, sheet, header, rows);
        xlsx.Position = 0;
        await using var blob = await outputs.OpenWriteAsync(Name, period, file, cancellationToken);
        await xlsx.CopyToAsync(blob, cancellationToken);
    }
}
