using MedicalAssistance.Functions.Runs;
using MedicalAssistance.Functions.Runs.Monitoring;
using MedicalAssistance.Policy.Scenarios;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Runs.Monitoring;

/// <summary>
/// monthly-monitoring against Azurite with a fake clock, on hand-made Tumxuk claims (class 3, docs/scenario-format.md §9; every
/// amount worked out by hand below) and an operator threshold of 5,000.00 for 2026: each person once per alert and year, the
/// running burden, exactly once per month, the timer's day.
/// </summary>
public sealed class MonthlyMonitoringTests(AzuriteFixture azurite)
{
    private const string February = "2026-02";
    private const string March = "2026-03";
    private const string InnerMongolia = "inner-mongolia-2024";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A first class-3 stay of self-pay 10,000 settles to 7,880 (main (10,000 - 2,000) x 85% = 6,800; tilted (3,200 - 2,000) x 90%
    /// = 1,080); with 3,000 out of policy the burden is 10,000 + 3,000 - 7,880 = 5,120.00 (G-8), above 5,000.
    /// A: such a stay in February, and a second stay in March (self-pay 10,000, nothing out of policy: main 8,500, tilted 1,500 x 90%
    /// = 1,350, burden 150; A's year 5,270.00). B: such a stay in March (5,120.00). C: a stay without out-of-policy costs in
    /// March (burden 2,120.00, below).
    /// </summary>
    /// <remarks>With <paramref name="runFebruary"/>, February is monitored on 1 March at 04:00, before the March claims come.</remarks>
    private static async Task<(MonitoringHarness H, string A, string B)> ClaimsAsync(AzuriteFixture azurite, bool runFebruary = false)
    {
        var h = await MonitoringHarness.CreateAsync(azurite);
        h.Runs.At(new DateTime(2026, 1, 5, 9, 0, 0));
        await h.Thresholds.PutAsync(RunsHarness.Tumxuk, 2026, new MonitoringThreshold(5000m), "test", h.Runs.Claims.Time.GetUtcNow(), Ct);
        var a = await h.Runs.PersonAsync(80);
        var b = await h.Runs.PersonAsync(81);
        var c = await h.Runs.PersonAsync(82);
        h.Runs.At(new DateTime(2026, 2, 20, 9, 0, 0));
        await h.Runs.SubmitAsync(a, Stay("a-1", new DateOnly(2026, 2, 15), 3000m), new DateOnly(2026, 2, 15));
        if (runFebruary)
        {
            h.Runs.At(new DateTime(2026, 3, 1, 4, 0, 0));
            await h.MonitorAsync(February);
        }

        h.Runs.At(new DateTime(2026, 3, 20, 9, 0, 0));
        await h.Runs.SubmitAsync(a, Stay("a-2", new DateOnly(2026, 3, 15), 0m), new DateOnly(2026, 3, 15));
        await h.Runs.SubmitAsync(b, Stay("b-1", new DateOnly(2026, 3, 16), 3000m), new DateOnly(2026, 3, 16));
        await h.Runs.SubmitAsync(c, Stay("c-1", new DateOnly(2026, 3, 17), 0m), new DateOnly(2026, 3, 17));
        return (h, a.Masked, b.Masked);
    }

    [Fact]
    public async Task A_person_flagged_in_february_is_not_flagged_again_in_march_while_one_crossing_in_march_is()
    {
        var (h, a, b) = await ClaimsAsync(azurite, runFebruary: true);
        var (february, _) = (await h.Runs.Runs.GetAsync(MonthlyMonitoring.RunName, February, Ct))!.Value;
        h.Runs.At(new DateTime(2026, 4, 1, 4, 0, 0));
        var march = await h.MonitorAsync(March);

        // In February only a-1 is served: A's burden is 5,120.00. The March list holds B only: A was flagged for 2026 already.
        Assert.Equal([["tumxuk-2025", "HIGH_EXPENSE_MONITORING", a, "低保边缘家庭成员", "2026", "5120.00", "5000.00", "民政、农业农村"]],
            await h.RowsAsync(February, MonitoringFiles.Alerts));
        Assert.Equal([["tumxuk-2025", "HIGH_EXPENSE_MONITORING", b, "低保边缘家庭成员", "2026", "5120.00", "5000.00", "民政、农业农村"]],
            await h.RowsAsync(March, MonitoringFiles.Alerts));
        Assert.Equal(1, february.Totals[RunsHarness.Tumxuk].Count);
        Assert.Equal(1, march.State.Totals[RunsHarness.Tumxuk].Count);
        Assert.Equal(["tumxuk-2025", "2026", "HIGH_EXPENSE_MONITORING", "5000.00"], (await h.RowsAsync(March, MonitoringFiles.Thresholds)).Single(r => r[0] == RunsHarness.Tumxuk)[..4]);
        Assert.Equal(MonitoringFiles.All, march.State.Outputs.Select(o => o.Name));
    }

    [Fact]
    public async Task A_profile_without_a_threshold_flags_nobody_and_says_so()
    {
        var h = await MonitoringHarness.CreateAsync(azurite);
        h.Runs.At(new DateTime(2026, 2, 20, 9, 0, 0));
        var a = await h.Runs.PersonAsync(90);
        await h.Runs.SubmitAsync(a, Stay("x-1", new DateOnly(2026, 2, 15), 3000m), new DateOnly(2026, 2, 15));
        h.Runs.At(new DateTime(2026, 3, 1, 4, 0, 0));

        await h.MonitorAsync(February);

        Assert.Empty(await h.RowsAsync(February, MonitoringFiles.Alerts));
        Assert.Equal(["tumxuk-2025", "2026", "HIGH_EXPENSE_MONITORING", "", "未设置，不预警 not set"],
            (await h.RowsAsync(February, MonitoringFiles.Thresholds)).Single(r => r[0] == RunsHarness.Tumxuk));
    }

    [Fact]
    public async Task Two_hosts_monitoring_march_at_once_list_it_once_and_a_re_trigger_changes_nothing()
    {
        var (h, _, _) = await ClaimsAsync(azurite);
        h.Runs.At(new DateTime(2026, 4, 1, 4, 0, 0));

        var both = await Task.WhenAll(h.MonitorAsync(March), h.MonitorAsync(March));
        var rows = await h.RowsAsync(March, MonitoringFiles.Alerts);
        var again = await h.MonitorAsync(March);

        Assert.Single(both, c => c.Outcome == RunClaimOutcome.Claimed);
        Assert.Equal(RunClaimOutcome.AlreadyDone, again.Outcome);
        Assert.Equal(2, rows.Count); // A (5,270.00) and B (5,120.00): nobody listed in February
        Assert.Equal(["5120.00", "5270.00"], rows.Select(r => r[5]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_run_that_crashed_after_raising_its_alerts_is_taken_over_once_stale_and_lists_the_same_persons()
    {
        var (h, _, _) = await ClaimsAsync(azurite);
        h.Runs.At(new DateTime(2026, 4, 1, 4, 0, 0));
        var claim = await h.Runs.Runs.TryClaimAsync(MonthlyMonitoring.RunName, March, h.Runs.Claims.Time.GetUtcNow(), h.Runs.Options.StaleAfter, Ct);
        await h.NewMonitoring().ExecuteAsync(new RunContext(h.Runs.Runs, claim.State, claim.ETag, h.Runs.Claims.Time), Ct); // then the host died
        var first = await MonthlyRunOutputs.TextAsync(h.Runs.Outputs, MonthlyMonitoring.RunName, March, MonitoringFiles.Alerts);

        h.Runs.Claims.Time.Advance(h.Runs.Options.StaleAfter + TimeSpan.FromSeconds(1));
        var resumed = await h.MonitorAsync(March);

        Assert.Equal((RunClaimOutcome.Claimed, 2), (resumed.Outcome, resumed.State.Attempt));
        Assert.Equal(first, await MonthlyRunOutputs.TextAsync(h.Runs.Outputs, MonthlyMonitoring.RunName, March, MonitoringFiles.Alerts));
        Assert.Equal(2, resumed.State.Totals[RunsHarness.Tumxuk].Count);
    }

    [Fact]
    public async Task The_timer_fires_on_the_first_at_four_in_china_and_monitors_the_month_before_and_an_open_month_is_refused()
    {
        var (h, _, _) = await ClaimsAsync(azurite);
        var next = TimerSchedules.NextOccurrence(typeof(MonthlyMonitoringFunctions), nameof(MonitoringOptions.MonthlyMonitoringSchedule),
            new MonitoringOptions().MonthlyMonitoringSchedule, new DateTimeOffset(2026, 3, 20, 12, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 4, 0, 0, TimeSpan.FromHours(8)), next);
        h.Runs.Claims.Time.SetUtcNow(next!.Value);

        await h.NewTimer().RunScheduledAsync(Ct);
        await Assert.ThrowsAsync<ArgumentException>(() => h.MonitorAsync("2026-04"));

        Assert.Equal(RunStatus.Done, (await h.Runs.Runs.GetAsync(MonthlyMonitoring.RunName, March, Ct))!.Value.State.Status);
        Assert.Null(await h.Runs.Runs.GetAsync(MonthlyMonitoring.RunName, "2026-04", Ct));
    }

    [Fact]
    public async Task Inner_mongolia_flags_by_the_engines_year_alerts_the_50_percent_alert_in_february_and_the_100_percent_alert_in_march()
    {
        var h = await MonitoringHarness.CreateAsync(azurite);
        h.Runs.At(new DateTime(2026, 1, 5, 9, 0, 0));
        // Art. 8 with ruralDisposableIncomePrevYear 20,000: above 10,000.00 (50%) and above 20,000.00 (100%); DIBAO_MARGINAL pays 50%, no deductible.
        await h.Runs.Claims.Parameters.PutAsync(InnerMongolia, 2026,
            """{"ruralDisposableIncomePrevYear":20000,"benefits":{"DIBAO_MARGINAL":{"deductible":0,"ratio":0.5,"annualCap":100000}}}""", "test", h.Runs.Claims.Time.GetUtcNow(), Ct);
        var id = RunsHarness.IdOf(95);
        await h.Runs.Claims.SetIdentitiesAsync(id, [RunsHarness.Marginal]);
        // Each stay: self-pay 10,000 (assistance 5,000) and 6,000 out of policy: a burden of 11,000.00 each.
        h.Runs.At(new DateTime(2026, 2, 20, 9, 0, 0));
        await h.SubmitAsync(InnerMongolia, id, Stay("im-1", new DateOnly(2026, 2, 15), 6000m), new DateOnly(2026, 2, 15));
        h.Runs.At(new DateTime(2026, 3, 1, 4, 0, 0));
        await h.MonitorAsync(February);
        h.Runs.At(new DateTime(2026, 3, 20, 9, 0, 0));
        await h.SubmitAsync(InnerMongolia, id, Stay("im-2", new DateOnly(2026, 3, 15), 6000m), new DateOnly(2026, 3, 15));
        h.Runs.At(new DateTime(2026, 4, 1, 4, 0, 0));

        await h.MonitorAsync(March);

        Assert.Equal([["inner-mongolia-2024", "ILLNESS_RETURN_POVERTY_MONITORING", id.Masked, "低保边缘家庭成员", "2026", "11000.00", "10000.00", "民政、农业农村"]],
            (await h.RowsAsync(February, MonitoringFiles.Alerts)).Where(r => r[0] == InnerMongolia));
        Assert.Equal([["inner-mongolia-2024", "ILLNESS_POVERTY_MONITORING", id.Masked, "低保边缘家庭成员", "2026", "22000.00", "20000.00", "民政、农业农村"]],
            (await h.RowsAsync(March, MonitoringFiles.Alerts)).Where(r => r[0] == InnerMongolia));
    }

    private static Claim Stay(string id, DateOnly discharge, decimal outOfPolicy) =>
        new(id, ClaimKind.Inpatient, discharge.AddDays(-5), discharge, 10000m, OutOfPolicySelfPay: outOfPolicy, Facility: new Facility(InCity: true),
            Insurance: MedicalAssistance.Policy.Scenarios.InsuranceStatus.Resident);
}
