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
/// payments and writes the same lines. Every <see cref="RunFeatureOptions.CheckpointEvery"/> persons the lines so far are staged
/// as blocks of claims.csv and adjustments.csv and a <see cref="SettlementCheckpoint"/> is saved with the heartbeat: an attempt
/// taken over after a crash (or functionTimeout) goes on from there instead of from the start, and commits the same files.
/// Memory holds a batch of persons' ledgers, the lines since the last checkpoint and the sums per facility, never all the claims.
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

    /// <summary>Rows buffered for the output blocks are staged (with a checkpoint) once they pass this many characters.</summary>
    private const int MaxPendingChars = 4 * 1024 * 1024;

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
        var partitions = profiles.SelectMany(p => Enumerable.Range(0, months.Count).Select(m => (Profile: p, Month: m))).ToList();
        var resume = context.ResumeFrom<SettlementCheckpoint>();
        var first = resume is null ? 0 : partitions.FindIndex(p => p.Profile == resume.Profile && months[p.Month] == resume.Month);
        if (first < 0)
        {
            throw new InvalidOperationException($"{RunName} {period}: the checkpoint's partition {resume!.Profile} {resume.Month} is not one of this run's.");
        }

        var total = resume?.Total ?? await CountAsync(context, partitions, months, cancellationToken);
        var (done, reported, checkpointed) = (resume?.Done ?? 0, resume?.Done ?? 0, resume?.Done ?? 0);
        await context.ReportAsync(done, total, resume is null ? null : $"resumed {resume.Profile}|{resume.Month}|{done}", cancellationToken);
        var payables = PayablesTable.From(resume?.Payables);
        var postings = new FundPostings(Name, period.ToString(), period.Year);
        postings.Restore(resume?.Postings);
        var attempt = context.State.Attempt;
        var claimsCsv = new CheckpointedCsvOutput(outputs, Name, period.ToString(), SettlementFiles.Claims, SettlementFiles.ClaimsHeader, resume?.ClaimsBlocks, attempt);
        var adjustmentsCsv = new CheckpointedCsvOutput(outputs, Name, period.ToString(), SettlementFiles.Adjustments, SettlementFiles.AdjustmentsHeader,
            resume?.AdjustmentsBlocks, attempt);
        var batch = new List<(string Profile, int Month, string Person)>(options.Value.Parallelism);

        // A batch of persons is settled concurrently (each person's claims are independent), then written in stream order,
        // so the files are the same however the work was interleaved or resumed.
        async Task FlushAsync()
        {
            var settled = await Task.WhenAll(batch.Select(p => SettleUnlessSeenAsync(p.Profile, months, p.Month, p.Person, period, cancellationToken)));
            foreach (var line in settled.SelectMany(lines => lines))
            {
                var adjustment = line.Kind == SettlementLineKind.Adjustment;
                if (adjustment)
                {
                    adjustmentsCsv.WriteRow(SettlementFiles.AdjustmentsRow(line));
                }
                else
                {
                    claimsCsv.WriteRow(SettlementFiles.ClaimsRow(line));
                }

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
            if (done - checkpointed >= options.Value.CheckpointEvery || claimsCsv.Pending + adjustmentsCsv.Pending > MaxPendingChars)
            {
                // The lines so far are staged and paid: an attempt taken over goes on after this person.
                var checkpoint = new SettlementCheckpoint(last.Profile, months[last.Month], last.Person, done, total,
                    await claimsCsv.StageAsync(cancellationToken), await adjustmentsCsv.StageAsync(cancellationToken), payables.Rows(), postings.Lines());
                (checkpointed, reported) = (done, done);
                await context.CheckpointAsync(done, total, $"{last.Profile}|{months[last.Month]}|{done}", checkpoint, cancellationToken);
            }
            else if (done - reported >= options.Value.ProgressEvery)
            {
                reported = done;
                await context.ReportAsync(done, total, $"{last.Profile}|{months[last.Month]}|{done}", cancellationToken);
            }
        }

        for (var n = first; n < partitions.Count; n++)
        {
            var (profile, m) = partitions[n];
            await foreach (var person in ledgers.PersonsWithAdjustmentsAsync(profile, months[m], n == first ? resume?.AfterPerson : null, cancellationToken))
            {
                batch.Add((profile, m, person));
                if (batch.Count == options.Value.Parallelism)
                {
                    await FlushAsync();
                }
            }
        }

        if (batch.Count > 0)
        {
            await FlushAsync();
        }

        await claimsCsv.CommitAsync(cancellationToken);
        await adjustmentsCsv.CommitAsync(cancellationToken);

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

    /// <summary>The persons to read (one cheap pass over the adjustment keys), with a heartbeat every <see cref="CountHeartbeatEvery"/>.</summary>
    private async Task<int> CountAsync(RunContext context, List<(string Profile, int Month)> partitions, List<string> months, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var (profile, m) in partitions)
        {
            await foreach (var _ in ledgers.PersonsWithAdjustmentsAsync(profile, months[m], cancellationToken))
            {
                if (++total % CountHeartbeatEvery == 0)
                {
                    await context.ReportAsync(0, total, "counting", cancellationToken);
                }
            }
        }

        return total;
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
        var owed = new List<(string Id, LedgerClaim Stored, OwedClaim Claim, LedgerResult? Result, PaidAmounts After)>();
        // Each claim's latest entry, once (a chronic patient's ledger holds hundreds of visits).
        foreach (var stored in state.Claims.GroupBy(c => c.Id, StringComparer.Ordinal).Select(g => g.Last()))
        {
            var id = stored.Id;
            if (await OwedClaimAsync(stored, cancellationToken) is not { } claim)
            {
                LogClaimMissing(logger, profile);
                continue;
            }

            if (claim.SettledOn >= period.End)
            {
                continue; // a later month's run pays it
            }

            var result = state.Results.GetValueOrDefault(id);
            owed.Add((id, stored, claim, result, result is { Status: ClaimStatus.Settled } r ? new PaidAmounts(r.Assistance, r.Tilted, r.Secondary, r.Total) : PaidAmounts.Zero));
        }

        // First payments optimistically, all at once; a claim paid before (the insert finds its marker) or owing nothing unless
        // it was paid before (a zero result) is paid as read.
        var key = period.ToString();
        var first = owed.Where(o => o.After != PaidAmounts.Zero)
            .Select(o => (o.Id, Payment: new ClaimPayment(Name, key, period.Contains(o.Claim.SettledOn) ? SettlementLineKind.Regular : SettlementLineKind.Late, PaidAmounts.Zero, o.After)))
            .ToList();
        var asRead = (await payments.AddFirstAsync(personKey, profile, first, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var firstPaid = first.Where(f => !asRead.Contains(f.Id)).ToDictionary(f => f.Id, f => f.Payment, StringComparer.Ordinal);
        foreach (var (id, stored, claim, result, after) in owed)
        {
            var payment = firstPaid.GetValueOrDefault(id) ?? await PayAsync(personKey, id, profile, period, claim.SettledOn, after, cancellationToken);
            if (payment is not null)
            {
                var (channel, inpatient) = PayablesChannel.Of(stored.Input);
                lines.Add(new SettlementLine(profile, id, state.MaskedIdNumber, claim.FacilityCode ?? "", claim.FacilityName ?? "", channel, inpatient,
                    claim.SettledOn, result?.AccountingYear ?? claim.SettledOn.Year, payment.Kind, payment.Before, payment.After, key));
            }
        }

        return lines;
    }

    /// <summary>
    /// What the run needs of a claim besides its result: the settlement date and the facility, as the ledger keeps them; a ledger
    /// written before it kept the date is completed from table <c>claims</c> (null when the row is missing).
    /// </summary>
    private async Task<OwedClaim?> OwedClaimAsync(LedgerClaim claim, CancellationToken cancellationToken) =>
        claim.SettledOn is { } settledOn
            ? new OwedClaim(settledOn, claim.FacilityCode, claim.FacilityName)
            : await claims.GetAsync(claim.Id, cancellationToken) is { } stored
                ? new OwedClaim(stored.Record.SettledOn, stored.Record.FacilityCode, stored.Record.FacilityName)
                : null;

    private sealed record OwedClaim(DateOnly SettledOn, string? FacilityCode, string? FacilityName);

    /// <summary>This run's payment of a claim: the one recorded by an earlier attempt of this run, a new one, or none (nothing owed).</summary>
    private async Task<ClaimPayment?> PayAsync(string personKey, string claimId, string profile, RunPeriod period, DateOnly settledOn, PaidAmounts after, CancellationToken cancellationToken)
    {
        var key = period.ToString();
        while (true)
        {
            var paid = await payments.GetAsync(personKey, claimId, profile, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A claim in the ledger of a person in {Profile} has no settlement date and is not in table claims; it is left unpaid")]
    private static partial void LogClaimMissing(ILogger logger, string profile);
}
