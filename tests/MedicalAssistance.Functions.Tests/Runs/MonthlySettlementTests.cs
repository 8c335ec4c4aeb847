using System.Globalization;
using MedicalAssistance.Functions.Runs;
using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Functions.Runs.Settlement;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Runs;

/// <summary>
/// monthly-settlement against Azurite with a fake clock: exactly once per period (two hosts at once, a re-trigger, a host killed
/// mid-run), late claims and reversals in the next month's run, payables equal to the totals and to the fund ledger.
/// Amounts are Tumxuk class 3 (docs/scenario-format.md §9): a first inpatient stay of 10,000 self-pay settles to 7,880 (ClaimLedgerTests).
/// </summary>
public sealed class MonthlySettlementTests(AzuriteFixture azurite)
{
    private const string November = "2025-11";
    private const string December = "2025-12";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Persons 0..count-1, one November inpatient claim each (self-pay 10,000 + 100·n), submitted on 2025-11-20.</summary>
    private static async Task<RunsHarness> NovemberAsync(AzuriteFixture azurite, int count)
    {
        var h = await RunsHarness.CreateAsync(azurite);
        h.At(new DateTime(2025, 11, 20, 10, 0, 0));
        for (var n = 0; n < count; n++)
        {
            var id = await h.PersonAsync(n);
            await h.SubmitAsync(id, RunsHarness.Inpatient($"nov-{n}", new DateOnly(2025, 11, 10), 10000m + 100m * n, inCity: n % 3 != 0),
                new DateOnly(2025, 11, 10), facility: n % 2 == 0 ? "H001" : "H002", facilityName: n % 2 == 0 ? "第一医院" : "=第二医院");
        }

        h.At(new DateTime(2025, 12, 1, 2, 0, 0));
        return h;
    }

    [Fact]
    public async Task Two_hosts_settling_the_same_month_at_once_post_it_once_and_a_re_trigger_changes_nothing()
    {
        var h = await NovemberAsync(azurite, 6);

        var both = await Task.WhenAll(h.SettleAsync(November), h.SettleAsync(November));

        Assert.Single(both, c => c.Outcome == RunClaimOutcome.Claimed);
        Assert.Single(both, c => c.Outcome is RunClaimOutcome.Busy or RunClaimOutcome.AlreadyDone);
        var (state, _) = (await h.Runs.GetAsync(MonthlySettlement.RunName, November, Ct))!.Value;
        Assert.Equal((RunStatus.Done, 1, 6, 6), (state.Status, state.Attempt, state.Done, state.Total));
        Assert.Equal(6, (await h.RowsAsync(November, SettlementFiles.Claims)).Count);
        var journal = await h.JournalAsync(November);

        var again = await h.SettleAsync(November);

        Assert.Equal(RunClaimOutcome.AlreadyDone, again.Outcome);
        Assert.Equal(journal, await h.JournalAsync(November));
        for (var n = 0; n < 6; n++)
        {
            var payments = await h.PaymentsOfAsync($"nov-{n}");
            Assert.Equal(SettlementLineKind.Regular, Assert.Single(payments.Payments).Kind);
        }
    }

    [Fact]
    public async Task A_run_killed_mid_way_is_taken_over_once_stale_and_writes_the_same_outputs_as_an_uninterrupted_run_paying_nothing_twice()
    {
        var killed = await NovemberAsync(azurite, 8);
        var clean = await NovemberAsync(azurite, 8);

        using var kill = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => killed.SettleAsync(November, kill.Token, new CancelAfterLines(kill, 3)));
        var (crashed, _) = (await killed.Runs.GetAsync(MonthlySettlement.RunName, November, Ct))!.Value;
        Assert.Equal(RunStatus.Running, crashed.Status);
        Assert.InRange(crashed.Done, 2, 7);
        Assert.Equal(RunClaimOutcome.Busy, (await killed.SettleAsync(November)).Outcome); // its heartbeat is still fresh
        var timer = new MonthlySettlementTimer(killed.NewRunner(), killed.NewSettlement(), killed.Claims.Time);
        await Assert.ThrowsAsync<RunBusyException>(() => timer.RunAsync(November, "test", Ct));

        killed.Claims.Time.Advance(killed.Options.StaleAfter + TimeSpan.FromSeconds(1));
        var resumed = await killed.SettleAsync(November);
        await clean.SettleAsync(November);

        Assert.Equal((RunClaimOutcome.Claimed, 2, RunStatus.Done), (resumed.Outcome, resumed.State.Attempt, resumed.State.Status));
        foreach (var file in new[] { SettlementFiles.Claims, SettlementFiles.Adjustments, SettlementFiles.Payables, SettlementFiles.TrialBalance })
        {
            Assert.Equal(await clean.TextAsync(November, file), await killed.TextAsync(November, file));
        }

        Assert.Equal(await clean.JournalAsync(November), await killed.JournalAsync(November));
        for (var n = 0; n < 8; n++)
        {
            Assert.Single((await killed.PaymentsOfAsync($"nov-{n}")).Payments);
        }
    }

    [Fact]
    public async Task A_run_killed_after_a_checkpoint_resumes_from_it_without_redoing_the_persons_before_and_writes_the_bytes_of_an_uninterrupted_run()
    {
        var killed = await NovemberAsync(azurite, 12);
        var clean = await NovemberAsync(azurite, 12);
        killed.Options.CheckpointEvery = 4;
        clean.Options.CheckpointEvery = 4;

        // Persons are settled two at a time: a checkpoint after the 4th person, the 7th line written while the 4th batch runs.
        using var kill = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => killed.SettleAsync(November, kill.Token, new CancelAfterLines(kill, 7)));
        var (crashed, _) = (await killed.Runs.GetAsync(MonthlySettlement.RunName, November, Ct))!.Value;
        Assert.Equal(RunStatus.Running, crashed.Status);
        Assert.NotNull(crashed.ResumeData);
        Assert.Contains("\"done\":4", crashed.ResumeData, StringComparison.Ordinal);

        killed.Claims.Time.Advance(killed.Options.StaleAfter + TimeSpan.FromSeconds(1));
        var second = new CountLines();
        var resumed = await killed.SettleAsync(November, null, second);
        await clean.SettleAsync(November);

        Assert.Equal((RunClaimOutcome.Claimed, 2, RunStatus.Done, 12), (resumed.Outcome, resumed.State.Attempt, resumed.State.Status, resumed.State.Done));
        Assert.Equal(12 - 4, second.Written); // the 4 persons before the checkpoint were not settled again
        Assert.Null(resumed.State.ResumeData);
        foreach (var file in new[] { SettlementFiles.Claims, SettlementFiles.Adjustments, SettlementFiles.Payables, SettlementFiles.TrialBalance })
        {
            Assert.Equal(await clean.BytesAsync(November, file), await killed.BytesAsync(November, file));
        }

        Assert.Equal(12, (await killed.RowsAsync(November, SettlementFiles.Claims)).Count);
        Assert.Equal((await clean.Runs.GetAsync(MonthlySettlement.RunName, November, Ct))!.Value.State.Totals, resumed.State.Totals);
        Assert.Equal(await clean.JournalAsync(November), await killed.JournalAsync(November));
        for (var n = 0; n < 12; n++)
        {
            Assert.Single((await killed.PaymentsOfAsync($"nov-{n}")).Payments);
        }
    }

    [Fact]
    public async Task A_run_taken_over_twice_goes_on_from_each_checkpoint_and_still_writes_the_bytes_of_an_uninterrupted_run()
    {
        var killed = await NovemberAsync(azurite, 12);
        var clean = await NovemberAsync(azurite, 12);
        killed.Options.CheckpointEvery = 2;
        clean.Options.CheckpointEvery = 2;

        foreach (var lines in new[] { 3, 5 })
        {
            using var kill = new CancellationTokenSource();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => killed.SettleAsync(November, kill.Token, new CancelAfterLines(kill, lines)));
            killed.Claims.Time.Advance(killed.Options.StaleAfter + TimeSpan.FromSeconds(1));
        }

        var third = new CountLines();
        var resumed = await killed.SettleAsync(November, null, third);
        await clean.SettleAsync(November);

        Assert.Equal((3, RunStatus.Done), (resumed.State.Attempt, resumed.State.Status));
        Assert.InRange(third.Written, 1, 12 - 2 - 2); // two checkpoints of two persons at least, one per attempt
        foreach (var file in new[] { SettlementFiles.Claims, SettlementFiles.Adjustments, SettlementFiles.Payables, SettlementFiles.TrialBalance })
        {
            Assert.Equal(await clean.BytesAsync(November, file), await killed.BytesAsync(November, file));
        }

        Assert.Equal(await clean.JournalAsync(November), await killed.JournalAsync(November));
        for (var n = 0; n < 12; n++)
        {
            Assert.Single((await killed.PaymentsOfAsync($"nov-{n}")).Payments);
        }
    }

    [Fact]
    public async Task A_claim_arriving_after_its_months_run_is_a_late_line_of_the_next_run_and_a_reversal_is_recovered_there()
    {
        var h = await NovemberAsync(azurite, 2);
        await h.SettleAsync(November);
        Assert.Equal(7880m, await h.PaidTotalAsync("nov-0")); // as ClaimLedgerTests: a first stay of 10,000 without the chronic claim before it

        h.At(new DateTime(2025, 12, 3, 9, 0, 0));
        var late = await h.PersonAsync(50);
        await h.SubmitAsync(late, RunsHarness.Inpatient("late-1", new DateOnly(2025, 11, 28), 10000m), new DateOnly(2025, 11, 28));
        await h.ReverseAsync(RunsHarness.IdOf(0), RunsHarness.Inpatient("nov-0", new DateOnly(2025, 11, 10), 10000m, inCity: false));
        await h.SubmitAsync(late, RunsHarness.Inpatient("dec-1", new DateOnly(2025, 12, 2), 500m), new DateOnly(2025, 12, 2));
        h.At(new DateTime(2026, 1, 1, 2, 0, 0));

        await h.SettleAsync(December);

        var claims = await h.RowsAsync(December, SettlementFiles.Claims);
        Assert.Equal(["late"], claims.Where(r => r[1] == "late-1").Select(r => r[7]));
        Assert.Equal(["regular"], claims.Where(r => r[1] == "dec-1").Select(r => r[7]));
        Assert.DoesNotContain(claims, r => r[1].StartsWith("nov-", StringComparison.Ordinal));
        var adjustment = Assert.Single(await h.RowsAsync(December, SettlementFiles.Adjustments));
        Assert.Equal(("nov-0", "7880.00", "0.00", "'-7880.00"), (adjustment[1], adjustment[8], adjustment[9], adjustment[10]));
        Assert.Equal(0m, await h.PaidTotalAsync("nov-0"));
        var novemberClaims = await h.RowsAsync(November, SettlementFiles.Claims);
        Assert.DoesNotContain(novemberClaims, r => r[1] == "late-1");
    }

    [Fact]
    public async Task A_ledger_that_does_not_keep_a_claims_settlement_date_is_paid_by_the_date_and_facility_of_the_claims_row()
    {
        // Ledgers written before they kept the settlement date: the run reads it, and the facility, from table claims.
        var h = await RunsHarness.CreateAsync(azurite);
        h.At(new DateTime(2025, 11, 20, 10, 0, 0));
        var id = await h.PersonAsync(0);
        await h.SubmitAsync(id, RunsHarness.Inpatient("old-1", new DateOnly(2025, 10, 28), 10000m), new DateOnly(2025, 11, 3), "H009", "旧医院", asBefore: true);
        await h.SubmitAsync(id, RunsHarness.Inpatient("old-2", new DateOnly(2025, 11, 12), 2000m), new DateOnly(2025, 12, 2), "H009", "旧医院", asBefore: true);
        Assert.All((await h.Claims.LedgerAsync(id, RunsHarness.Tumxuk)).Claims, c => Assert.Null(c.SettledOn));
        h.At(new DateTime(2025, 12, 1, 2, 0, 0));

        await h.SettleAsync(November);

        var line = Assert.Single(await h.RowsAsync(November, SettlementFiles.Claims));
        Assert.Equal(("old-1", "H009", "旧医院", "regular"), (line[1], line[3], line[4], line[7]));
    }

    [Fact]
    public async Task The_totals_equal_the_sums_of_payables_csv_and_the_fund_ledger_balances_with_expenditure_equal_to_the_payables()
    {
        var h = await NovemberAsync(azurite, 7);

        var run = await h.SettleAsync(November);

        var payables = await h.RowsAsync(November, SettlementFiles.Payables);
        var totals = run.State.Totals[RunsHarness.Tumxuk];
        Assert.Equal(totals.Count, payables.Sum(r => int.Parse(r[4], CultureInfo.InvariantCulture)));
        Assert.Equal(totals.Total, payables.Sum(r => Money(r[8])));
        Assert.Equal(totals.Assistance + totals.Tilted + totals.Secondary, totals.Total);
        Assert.Equal(new HashSet<string> { "one-stop-local", "one-stop-remote" }, payables.Select(r => r[3]).ToHashSet());
        Assert.Contains(payables, r => r[2] == "'=第二医院"); // formula-safe
        var claims = await h.RowsAsync(November, SettlementFiles.Claims);
        Assert.Equal(totals.Total, claims.Sum(r => Money(r[12])));

        var journal = await h.JournalAsync(November);
        Assert.Equal(journal.Where(l => l.Side == JournalSide.Debit).Sum(l => l.Amount), journal.Where(l => l.Side == JournalSide.Credit).Sum(l => l.Amount));
        Assert.Equal(totals.Total, journal.Where(l => l.Code == "EXP_BENEFITS" && l.Side == JournalSide.Debit).Sum(l => l.Amount));
        var trial = await h.RowsAsync(November, SettlementFiles.TrialBalance);
        Assert.Equal(trial.Sum(r => Money(r[4])), trial.Sum(r => Money(r[5])));
        Assert.Equal(run.State.Outputs.Select(o => o.Name), SettlementFiles.All);
        Assert.Equal("/api/runs/monthly-settlement/2025-11/outputs/payables.csv", run.State.Outputs[0].Url);
    }

    [Fact]
    public async Task A_queued_request_is_shown_as_queued_and_claimed_by_the_first_attempt_while_a_started_run_is_never_reset_to_queued()
    {
        var h = await NovemberAsync(azurite, 1);
        await h.Runs.MarkQueuedAsync(MonthlySettlement.RunName, November, Ct);
        Assert.Equal(RunStatus.Queued, (await h.Runs.GetAsync(MonthlySettlement.RunName, November, Ct))!.Value.State.Status);

        var run = await h.SettleAsync(November);
        await h.Runs.MarkQueuedAsync(MonthlySettlement.RunName, November, Ct);

        Assert.Equal((RunClaimOutcome.Claimed, 1), (run.Outcome, run.State.Attempt));
        Assert.Equal(RunStatus.Done, (await h.Runs.GetAsync(MonthlySettlement.RunName, November, Ct))!.Value.State.Status);
    }

    [Fact]
    public async Task The_scheduled_occurrence_on_the_first_of_the_month_settles_the_previous_month()
    {
        var h = await NovemberAsync(azurite, 2);
        h.Claims.Time.SetUtcNow(new DateTimeOffset(2025, 12, 1, 2, 0, 0, TimeSpan.FromHours(8)));
        var timer = new MonthlySettlementTimer(h.NewRunner(), h.NewSettlement(), h.Claims.Time);

        await timer.RunScheduledAsync(Ct);

        Assert.Equal(RunStatus.Done, (await h.Runs.GetAsync(MonthlySettlement.RunName, November, Ct))!.Value.State.Status);
        Assert.Equal(2, (await h.RowsAsync(November, SettlementFiles.Claims)).Count);
        Assert.Null(await h.Runs.GetAsync(MonthlySettlement.RunName, December, Ct));
    }

    [Fact]
    public async Task A_month_that_has_not_ended_in_China_is_not_settled()
    {
        var h = await RunsHarness.CreateAsync(azurite);
        h.At(new DateTime(2025, 11, 30, 23, 59, 0));

        await Assert.ThrowsAsync<ArgumentException>(() => h.SettleAsync(November));

        Assert.Null(await h.Runs.GetAsync(MonthlySettlement.RunName, November, Ct));
    }

    private static decimal Money(string cell) => decimal.Parse(cell.TrimStart('\''), NumberStyles.Number, CultureInfo.InvariantCulture);
}
