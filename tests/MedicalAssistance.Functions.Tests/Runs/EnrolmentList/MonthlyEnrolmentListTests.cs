using MedicalAssistance.Functions.Enrolment;
using MedicalAssistance.Functions.Runs;
using MedicalAssistance.Functions.Runs.EnrolmentList;
using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Runs.EnrolmentList;

/// <summary>
/// monthly-enrolment-list against Azurite with a fake clock, on a hand-made exemption ledger (amounts and rows worked out by hand
/// in each test): the month's new entries per county, the next month's changes and withdrawals, the subsidy in the fund ledger,
/// exactly once per month (two hosts, a re-trigger, a crash before the run was marked done), Tumxuk's class-4 top-ups.
/// </summary>
public sealed class MonthlyEnrolmentListTests(AzuriteFixture azurite)
{
    private const string March = "2026-03";
    private const string April = "2026-04";
    private const string Jieyang = IdentityTypes.Jieyang;
    private const string Baoshan = IdentityTypes.Baoshan;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Persons(string A, string B, string C, string D);

    /// <summary>
    /// A: Jieyang 445202, full subsidy 400.00, registered 10 March. B: Jieyang 445203, 400.00, registered 20 February (not listed
    /// yet). C: Baoshan 530502, fixed subsidy for 2027 awaiting its amount, 5 March. D: Jieyang 445202, 400.00, registered 1 April
    /// (April's list). E: Baoshan, not subsidised, 12 March (never listed). The clock: 1 April 2026, 03:00 in China.
    /// </summary>
    private static async Task<(EnrolmentListHarness H, Persons P)> MarchAsync(AzuriteFixture azurite)
    {
        var h = await EnrolmentListHarness.CreateAsync(azurite);
        var a = await h.EnrolAsync(1, "445202", Jieyang, 2026, SubsidyLevel.Full, EnrolmentStatus.Subsidised, 400m, new DateOnly(2026, 3, 10));
        var b = await h.EnrolAsync(2, "445203", Jieyang, 2026, SubsidyLevel.Full, EnrolmentStatus.Subsidised, 400m, new DateOnly(2026, 2, 20));
        var c = await h.EnrolAsync(3, "530502", Baoshan, 2027, SubsidyLevel.Fixed, EnrolmentStatus.AwaitingParameter, null, new DateOnly(2026, 3, 5));
        var d = await h.EnrolAsync(4, "445202", Jieyang, 2026, SubsidyLevel.Full, EnrolmentStatus.Subsidised, 400m, new DateOnly(2026, 4, 1));
        await h.EnrolAsync(5, "530502", Baoshan, 2026, SubsidyLevel.None, EnrolmentStatus.NotSubsidised, null, new DateOnly(2026, 3, 12));
        h.Runs.At(new DateTime(2026, 4, 1, 3, 0, 0));
        return (h, new Persons(a.Masked, b.Masked, c.Masked, d.Masked));
    }

    [Fact]
    public async Task The_march_list_holds_the_entries_registered_by_the_end_of_march_per_county_with_the_subsidy_posted_balanced()
    {
        var (h, p) = await MarchAsync(azurite);

        var run = await h.ListAsync(March);

        Assert.Equal((RunClaimOutcome.Claimed, RunStatus.Done), (run.Outcome, run.State.Status));
        Assert.Equal(
            [
                ["baoshan-2023", "530502", p.C, "最低生活保障对象", "2027", "定额资助", "待确定资助金额", "new", "2026-03-05", "", "", "0.00"],
                ["jieyang-2019", "445202", p.A, "最低生活保障对象", "2026", "全额资助", "已资助参保", "new", "2026-03-10", "", "400.00", "400.00"],
                ["jieyang-2019", "445203", p.B, "最低生活保障对象", "2026", "全额资助", "已资助参保", "new", "2026-02-20", "", "400.00", "400.00"],
            ],
            (await h.RowsAsync(March, EnrolmentListFiles.Enrolments)).OrderBy(r => r[0], StringComparer.Ordinal).ThenBy(r => r[1], StringComparer.Ordinal));
        Assert.Equal(
            [["baoshan-2023", "530502", "1", "0", "0", "0.00"], ["jieyang-2019", "445202", "1", "0", "0", "400.00"], ["jieyang-2019", "445203", "1", "0", "0", "400.00"]],
            await h.RowsAsync(March, EnrolmentListFiles.Counties));
        Assert.Equal(new RunTotals(2, 0m, 0m, 0m, 800m), run.State.Totals[Jieyang]);
        Assert.Equal(new RunTotals(1, 0m, 0m, 0m, 0m), run.State.Totals[Baoshan]);
        Assert.Equal(EnrolmentListFiles.All, run.State.Outputs.Select(o => o.Name));
        Assert.Equal("/api/runs/monthly-enrolment-list/2026-03/outputs/counties.csv", run.State.Outputs[0].Url);
        Assert.Equal(["统筹区 profile", "县（区）代码", "身份证号", "身份类别", "参保年度", "资助档次", "资助状态", "变动类型", "登记日期", "原资助金额 before", "资助金额 after", "差额 delta"],
            await MonthlyRunOutputs.HeaderAsync(h.Runs.Outputs, MonthlyEnrolmentList.RunName, March, EnrolmentListFiles.Enrolments));
        Assert.Equal(
            [("AST_EXPENDITURE_ACCOUNT", "", JournalSide.Credit, 800m), ("EXP_BENEFITS", "ENROLLMENT_SUBSIDY", JournalSide.Debit, 800m)],
            (await JournalAsync(h, Jieyang, March)).OrderBy(l => l.Side, StringComparer.Ordinal).Select(l => (l.Code, l.Detail, l.Side, l.Amount)));
        Assert.Empty(await JournalAsync(h, Baoshan, March));
        Assert.Empty(await h.RowsAsync(March, EnrolmentListFiles.TopUps));
        var xlsx = await h.Runs.Outputs.OpenReadAsync(MonthlyEnrolmentList.RunName, March, EnrolmentListFiles.EnrolmentsXlsx, Ct);
        Assert.True(xlsx!.Value.Length > 0);
    }

    [Fact]
    public async Task The_april_list_holds_aprils_new_entry_an_amount_set_since_and_a_withdrawal_and_nothing_listed_before()
    {
        var (h, p) = await MarchAsync(azurite);
        await h.ListAsync(March);
        h.Runs.At(new DateTime(2026, 4, 15, 10, 0, 0));
        var aId = IdOf(1, "445202");
        var cId = IdOf(3, "530502");
        await h.SetAsync(cId, Baoshan, 2027, SubsidyLevel.Fixed, EnrolmentStatus.Subsidised, 180m, new DateOnly(2026, 3, 5));
        await h.SetAsync(aId, Jieyang, 2026, SubsidyLevel.None, EnrolmentStatus.NotSubsidised, null, new DateOnly(2026, 3, 10));
        h.Runs.At(new DateTime(2026, 5, 1, 3, 0, 0));

        var run = await h.ListAsync(April);

        Assert.Equal(
            [
                ["baoshan-2023", "530502", p.C, "最低生活保障对象", "2027", "定额资助", "已资助参保", "changed", "2026-03-05", "", "180.00", "180.00"],
                ["jieyang-2019", "445202", p.D, "最低生活保障对象", "2026", "全额资助", "已资助参保", "new", "2026-04-01", "", "400.00", "400.00"],
                ["jieyang-2019", "445202", p.A, "最低生活保障对象", "2026", "全额资助", "已取消", "withdrawn", "2026-03-10", "400.00", "", "'-400.00"],
            ],
            (await h.RowsAsync(April, EnrolmentListFiles.Enrolments)).OrderBy(r => r[0], StringComparer.Ordinal).ThenBy(r => r[7], StringComparer.Ordinal));
        Assert.Equal([["baoshan-2023", "530502", "0", "1", "0", "180.00"], ["jieyang-2019", "445202", "1", "0", "1", "0.00"]],
            await h.RowsAsync(April, EnrolmentListFiles.Counties));
        Assert.Equal(new RunTotals(2, 0m, 0m, 0m, 0m), run.State.Totals[Jieyang]);
        Assert.Equal(new RunTotals(1, 0m, 0m, 0m, 180m), run.State.Totals[Baoshan]);
        var jieyang = await JournalAsync(h, Jieyang, April);
        Assert.Equal(400m, jieyang.Single(l => l.Code == "EXP_BENEFITS" && l.Side == JournalSide.Debit).Amount);
        Assert.Equal(400m, jieyang.Single(l => l.Code == "EXP_BENEFITS" && l.Side == JournalSide.Credit).Amount);
        Assert.Equal(jieyang.Where(l => l.Side == JournalSide.Debit).Sum(l => l.Amount), jieyang.Where(l => l.Side == JournalSide.Credit).Sum(l => l.Amount));
        Assert.Equal([("AST_EXPENDITURE_ACCOUNT", JournalSide.Credit, 180m), ("EXP_BENEFITS", JournalSide.Debit, 180m)],
            (await JournalAsync(h, Baoshan, April)).OrderBy(l => l.Side, StringComparer.Ordinal).Select(l => (l.Code, l.Side, l.Amount)));
    }

    [Fact]
    public async Task Two_hosts_listing_march_at_once_list_it_once_and_a_re_trigger_changes_nothing()
    {
        var (h, _) = await MarchAsync(azurite);

        var both = await Task.WhenAll(h.ListAsync(March), h.ListAsync(March));

        Assert.Single(both, c => c.Outcome == RunClaimOutcome.Claimed);
        Assert.Single(both, c => c.Outcome is RunClaimOutcome.Busy or RunClaimOutcome.AlreadyDone);
        var journal = await JournalAsync(h, Jieyang, March);
        var lines = await h.RowsAsync(March, EnrolmentListFiles.Enrolments);

        var again = await h.ListAsync(March);

        Assert.Equal(RunClaimOutcome.AlreadyDone, again.Outcome);
        Assert.Equal(3, lines.Count);
        Assert.Equal(journal, await JournalAsync(h, Jieyang, March));
        var listed = await h.Listings.GetAsync(Jieyang, 2026, h.Runs.Claims.Keys.KeyOf(IdOf(1, "445202")), Ct);
        Assert.Equal(March, Assert.Single(listed.Listings).Period);
    }

    [Fact]
    public async Task A_run_that_crashed_after_listing_and_posting_is_taken_over_once_stale_and_posts_and_lists_nothing_twice()
    {
        var (h, _) = await MarchAsync(azurite);
        var claim = await h.Runs.Runs.TryClaimAsync(MonthlyEnrolmentList.RunName, March, h.Runs.Claims.Time.GetUtcNow(), h.Runs.Options.StaleAfter, Ct);
        await h.NewList().ExecuteAsync(new RunContext(h.Runs.Runs, claim.State, claim.ETag, h.Runs.Claims.Time), Ct); // then the host died
        var first = await MonthlyRunOutputs.TextAsync(h.Runs.Outputs, MonthlyEnrolmentList.RunName, March, EnrolmentListFiles.Enrolments);
        var journal = await JournalAsync(h, Jieyang, March);
        Assert.Equal(RunClaimOutcome.Busy, (await h.ListAsync(March)).Outcome);

        h.Runs.Claims.Time.Advance(h.Runs.Options.StaleAfter + TimeSpan.FromSeconds(1));
        var resumed = await h.ListAsync(March);

        Assert.Equal((RunClaimOutcome.Claimed, 2, RunStatus.Done), (resumed.Outcome, resumed.State.Attempt, resumed.State.Status));
        Assert.Equal(first, await MonthlyRunOutputs.TextAsync(h.Runs.Outputs, MonthlyEnrolmentList.RunName, March, EnrolmentListFiles.Enrolments));
        Assert.Equal(journal, await JournalAsync(h, Jieyang, March));
        Assert.Equal(new RunTotals(2, 0m, 0m, 0m, 800m), resumed.State.Totals[Jieyang]);
    }

    [Fact]
    public async Task The_timer_fires_on_the_first_at_three_in_china_and_lists_the_month_before()
    {
        var (h, _) = await MarchAsync(azurite);
        var next = TimerSchedules.NextOccurrence(typeof(MonthlyEnrolmentListFunctions), nameof(EnrolmentListOptions.MonthlyEnrolmentListSchedule), new EnrolmentListOptions().MonthlyEnrolmentListSchedule,
            new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 3, 0, 0, TimeSpan.FromHours(8)), next);
        h.Runs.Claims.Time.SetUtcNow(next!.Value);

        await h.NewTimer().RunScheduledAsync(Ct);

        Assert.Equal(RunStatus.Done, (await h.Runs.Runs.GetAsync(MonthlyEnrolmentList.RunName, March, Ct))!.Value.State.Status);
        Assert.Null(await h.Runs.Runs.GetAsync(MonthlyEnrolmentList.RunName, April, Ct));
    }

    [Fact]
    public async Task A_month_that_has_not_ended_in_china_is_not_listed()
    {
        var h = await EnrolmentListHarness.CreateAsync(azurite);
        await h.EnrolAsync(1, "445202", Jieyang, 2026, SubsidyLevel.Full, EnrolmentStatus.Subsidised, 400m, new DateOnly(2026, 3, 10));
        h.Runs.At(new DateTime(2026, 3, 31, 23, 59, 0));

        await Assert.ThrowsAsync<ArgumentException>(() => h.ListAsync(March));

        Assert.Null(await h.Runs.Runs.GetAsync(MonthlyEnrolmentList.RunName, March, Ct));
    }

    [Fact]
    public async Task A_tumxuk_class_four_claim_settled_in_march_is_a_top_up_due_on_the_25th_of_april()
    {
        var h = await EnrolmentListHarness.CreateAsync(azurite);
        h.Runs.At(new DateTime(2026, 3, 16, 10, 0, 0));
        // Class 4 (ILLNESS_POVERTY) determined 10 February 2026: Art. 17's top-up reaches back 12 months (TX-1).
        var poor = RunsHarness.IdOf(70);
        await h.Runs.Claims.SetIdentitiesAsync(poor,
            [new MedicalAssistance.Policy.Scenarios.Identity(IdentityTypes.Find("ILLNESS_POVERTY")!, new DateOnly(2026, 2, 10), new DateOnly(2026, 2, 10), null)]);
        // Self-pay 10,000: main (10,000 - 6,000) x 75% = 3,000; tilted (10,000 - 3,000 - 6,000) x 85% = 850; 3,850 in all.
        await h.Runs.SubmitAsync(poor, RunsHarness.Inpatient("retro-1", new DateOnly(2026, 1, 20), 10000m), new DateOnly(2026, 3, 15));
        var marginal = await h.Runs.PersonAsync(71); // class 3: not a top-up
        await h.Runs.SubmitAsync(marginal, RunsHarness.Inpatient("c3-1", new DateOnly(2026, 3, 10), 10000m), new DateOnly(2026, 3, 10));
        h.Runs.At(new DateTime(2026, 4, 1, 3, 0, 0));

        await h.ListAsync(March);

        Assert.Equal([["tumxuk-2025", "retro-1", poor.Masked, "2026-01-20", "2026", "3850.00", "2026-04-25"]], await h.RowsAsync(March, EnrolmentListFiles.TopUps));
        Assert.Empty(await JournalAsync(h, IdentityTypes.Tumxuk, March)); // monthly-settlement pays and posts it
    }

    private static MedicalAssistance.Functions.Persons.IdNumber IdOf(int n, string region) =>
        MedicalAssistance.Functions.Tests.Persons.TestIds.Make(new DateOnly(1970, 1, 1).AddDays(n), n, region);

    private static async Task<List<JournalLine>> JournalAsync(EnrolmentListHarness h, string profile, string period)
    {
        var lines = new List<JournalLine>();
        await foreach (var line in h.Runs.Journal.ReadAsync(profile, period, Ct))
        {
            lines.Add(line);
        }

        return lines;
    }
}
