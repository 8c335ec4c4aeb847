using MedicalAssistance.Functions.Calendar;
using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Functions.Csv;
using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Policy.Profiles;

namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>
/// <c>monthly-settlement</c> for a month P (issue "Runs" 3; Meizhou Art. 12, Jieyang 五(二), Baoshan Art. 27: agencies settle
/// with facilities monthly). Which claims: every person with a claim result change recorded in month P or later (table
/// <c>claimadjustments</c>, streamed a partition at a time; a person seen in an earlier partition of this run is skipped); of
/// each such person's ledger, every claim settled (<c>settledOn</c>) in P or before whose current result differs from what the
/// runs have paid for it (<see cref="ClaimPaymentStore"/>). A claim first paid here is a regular line when settled in P and a
/// late line otherwise; one paid before is an adjustment (before, after, delta). Every line is recorded on the claim before
/// it is written, so a claim result version is paid by exactly one run, and an attempt done again re-reads this run's own
/// payments and writes the same lines. Memory holds one person's ledger and the sums per facility, never the claims.
/// </summary>
public sealed partial class MonthlySettlement(
    ClaimLedgerStore ledgers,
    ClaimStore claims,
    ClaimPaymentStore payments,
    FundJournalStore journal,
    RunOutputs outputs,
    Microsoft.Extensions.Options.IOptions<RunFeatureOptions> options,
    TimeProvider time,
    IEnumerable<ISettlementLineObserver> observers,
    ILogger<MonthlySettlement> logger) : IPeriodRun
{
    public const string RunName = "monthly-settlement";

    /// <summary>While the persons are counted (one cheap pass over the adjustment keys), the heartbeat is written every this many.</summary>
    private const int CountHeartbeatEvery = 10_000;

    public string Name => RunName;

    public async Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var period = context.Period;
        if (period.Month is null)
        {
            throw new ArgumentException($"{RunName} runs for a month (yyyy-MM), not for the year {period}.", nameof(context));
        }

        var months = MonthsFrom(period, RunPeriod.Of(ChinaTime.DateOf(time.GetUtcNow())));
        var profiles = PolicyProfiles.All.Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
        var total = 0;
        foreach (var profile in profiles)
        {
            foreach (var month in months)
            {
                await foreach (var _ in ledgers.PersonsWithAdjustmentsAsync(profile, month, cancellationToken))
                {
                    if (++total % CountHeartbeatEvery == 0)
                    {
                        await context.ReportAsync(0, total, "counting", cancellationToken);
                    }
                }
            }
        }

        await context.ReportAsync(0, total, null, cancellationToken);
        var payables = new PayablesTable();
        var postings = new FundPostings(Name, period.ToString(), period.Year);
        var (done, reported) = (0, 0);
        var batch = new List<(string Profile, int Month, string Person)>(options.Value.Parallelism);
        await using (var claimsCsv = new ExcelCsvWriter(await outputs.OpenWriteAsync(Name, period.ToString(), SettlementFiles.Claims, cancellationToken)))
        await using (var adjustmentsCsv = new ExcelCsvWriter(await outputs.OpenWriteAsync(Name, period.ToString(), SettlementFiles.Adjustments, cancellationToken)))
        {
            await claimsCsv.WriteRowAsync(SettlementFiles.ClaimsHeader, cancellationToken);
            await adjustmentsCsv.WriteRowAsync(SettlementFiles.AdjustmentsHeader, cancellationToken);

            // A batch of persons is settled concurrently (each person's claims are independent), then written in stream order,
            // so the files are the same however the work was interleaved.
            async Task FlushAsync()
            {
                var settled = await Task.WhenAll(batch.Select(p => SettleUnlessSeenAsync(p.Profile, months, p.Month, p.Person, period, cancellationToken)));
                foreach (var line in settled.SelectMany(lines => lines))
                {
                    var adjustment = line.Kind == SettlementLineKind.Adjustment;
                    await (adjustment ? adjustmentsCsv : claimsCsv).WriteRowAsync(adjustment ? SettlementFiles.AdjustmentsRow(line) : SettlementFiles.ClaimsRow(line), cancellationToken);
                    payables.Add(line);
                    postings.Add(line);
                    foreach (var observer in observers)
                    {
                        await observer.WrittenAsync(line, cancellationToken);
                    }
                }

                done += batch.Count;
                var last = batch[^1];
                batch.Clear();
                if (done - reported >= options.Value.ProgressEvery)
                {
                    reported = done;
                    await context.ReportAsync(done, total, $"{last.Profile}|{months[last.Month]}|{done}", cancellationToken);
                }
            }

            foreach (var profile in profiles)
            {
                for (var m = 0; m < months.Count; m++)
                {
                    await foreach (var person in ledgers.PersonsWithAdjustmentsAsync(profile, months[m], cancellationToken))
                    {
                        batch.Add((profile, m, person));
                        if (batch.Count == options.Value.Parallelism)
                        {
                            await FlushAsync();
                        }
                    }
                }
            }

            if (batch.Count > 0)
            {
                await FlushAsync();
            }
        }

        var rows = payables.Rows();
        await using (var payablesCsv = new ExcelCsvWriter(await outputs.OpenWriteAsync(Name, period.ToString(), SettlementFiles.Payables, cancellationToken)))
        {
            await payablesCsv.WriteRowAsync(SettlementFiles.PayablesHeader, cancellationToken);
            foreach (var row in rows)
            {
                await payablesCsv.WriteRowAsync(SettlementFiles.PayablesRow(row), cancellationToken);
            }
        }

        using (var xlsx = new MemoryStream())
        {
            XlsxTableWriter.Write(xlsx, "payables", SettlementFiles.PayablesHeader, rows.Select(SettlementFiles.PayablesCells));
            xlsx.Position = 0;
            await using var blob = await outputs.OpenWriteAsync(Name, period.ToString(), SettlementFiles.PayablesXlsx, cancellationToken);
            await xlsx.CopyToAsync(blob, cancellationToken);
        }

        await journal.PostAsync(postings.Lines(), context.State.Attempt, cancellationToken);
        var balance = await TrialBalance.ReadAsync(journal, profiles, period.ToString(), cancellationToken);
        await using (var trialCsv = new ExcelCsvWriter(await outputs.OpenWriteAsync(Name, period.ToString(), SettlementFiles.TrialBalance, cancellationToken)))
        {
            await trialCsv.WriteRowAsync(SettlementFiles.TrialBalanceHeader, cancellationToken);
            foreach (var row in balance)
            {
                await trialCsv.WriteRowAsync(SettlementFiles.TrialBalanceRow(row), cancellationToken);
            }
        }

        await context.ReportAsync(done, total, "outputs", cancellationToken);
        return new RunResult(payables.Totals(), SettlementFiles.All);
    }

    /// <summary>
    /// The lines a person's ledger gives this run, each recorded on its claim (<see cref="ClaimPaymentStore"/>) before it is
    /// returned; none when the person was met in an earlier month's partition of this run already.
    /// </summary>
    private async Task<List<SettlementLine>> SettleUnlessSeenAsync(string profile, List<string> months, int month, string personKey, RunPeriod period,
        CancellationToken cancellationToken)
    {
        var lines = new List<SettlementLine>();
        if (await SeenEarlierAsync(profile, months, month, personKey, cancellationToken)
            || await ledgers.LoadAsync(personKey, profile, cancellationToken) is not { } loaded)
        {
            return lines;
        }

        var state = loaded.State;
        foreach (var id in state.Claims.Select(c => c.Id).Distinct(StringComparer.Ordinal))
        {
            if (await claims.GetAsync(id, cancellationToken) is not { } stored)
            {
                LogClaimMissing(logger, profile);
                continue;
            }

            var record = stored.Record;
            if (record.SettledOn >= period.End)
            {
                continue; // a later month's run pays it
            }

            var result = state.Results.GetValueOrDefault(id);
            var after = result is { Status: ClaimStatus.Settled } r ? new PaidAmounts(r.Assistance, r.Tilted, r.Secondary, r.Total) : PaidAmounts.Zero;
            var input = state.Claims.Last(c => c.Id == id).Input;
            var (channel, inpatient) = PayablesChannel.Of(input);
            if (await PayAsync(id, profile, period, record.SettledOn, after, cancellationToken) is { } payment)
            {
                lines.Add(new SettlementLine(profile, id, state.MaskedIdNumber, record.FacilityCode ?? "", record.FacilityName ?? "", channel, inpatient,
                    record.SettledOn, result?.AccountingYear ?? record.SettledOn.Year, payment.Kind, payment.Before, payment.After, period.ToString()));
            }
        }

        return lines;
    }

    /// <summary>This run's payment of a claim: the one recorded by an earlier attempt of this run, a new one, or none (nothing owed).</summary>
    private async Task<ClaimPayment?> PayAsync(string claimId, string profile, RunPeriod period, DateOnly settledOn, PaidAmounts after, CancellationToken cancellationToken)
    {
        var key = period.ToString();
        while (true)
        {
            var paid = await payments.GetAsync(claimId, profile, cancellationToken);
            if (paid.By(Name, key) is { } mine)
            {
                return mine;
            }

            if (paid.Payments.Any(p => p.Run == Name && string.CompareOrdinal(p.Period, key) > 0) || paid.Paid == after)
            {
                return null; // a later month's run paid it already, or nothing changed since the last payment
            }

            var kind = paid.Payments.Count > 0 ? SettlementLineKind.Adjustment : period.Contains(settledOn) ? SettlementLineKind.Regular : SettlementLineKind.Late;
            var payment = new ClaimPayment(Name, key, kind, paid.Paid, after);
            if (await payments.TryAddAsync(paid, payment, cancellationToken))
            {
                return payment;
            }
        }
    }

    private async Task<bool> SeenEarlierAsync(string profile, List<string> months, int index, string person, CancellationToken cancellationToken)
    {
        for (var i = 0; i < index; i++)
        {
            if (await ledgers.HasAdjustmentsAsync(profile, months[i], person, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> MonthsFrom(RunPeriod first, RunPeriod last)
    {
        var months = new List<string> { first.MonthKey };
        for (var m = first.NextMonth(); m.FirstDay <= last.FirstDay; m = m.NextMonth())
        {
            months.Add(m.MonthKey);
        }

        return months;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A claim in the ledger of a person in {Profile} is not in table claims; it is left unpaid")]
    private static partial void LogClaimMissing(ILogger logger, string profile);
}
