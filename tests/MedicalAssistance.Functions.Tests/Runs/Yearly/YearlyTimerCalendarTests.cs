using System.Reflection;
using System.Text.Json;
using Cronos;
using MedicalAssistance.Functions.Runs;
using MedicalAssistance.Functions.Runs.FundBudgets;
using MedicalAssistance.Functions.Runs.Yearly;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Testing;
using Microsoft.Azure.Functions.Worker;
using ChinaTime = MedicalAssistance.Functions.Calendar.ChinaTime;
using ITimerPeriodRun = MedicalAssistance.Hosting.Timers.ITimerPeriodRun;

namespace MedicalAssistance.Functions.Tests.Runs.Yearly;

/// <summary>Each yearly timer fires on its calendar date (Asia/Shanghai) and runs the fund year that date is for; none opens before its date.</summary>
public sealed class YearlyTimerCalendarTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The occurrence after 1 January 2027 00:00 (China) of each timer, and the year it runs for.</summary>
    private static readonly (string Run, DateTime FiresAt, int Year)[] Expected =
    [
        (BaoshanOverspendSharing.RunName, new DateTime(2027, 1, 2, 3, 0, 0), 2026),
        (FundYearEndRollover.RunName, new DateTime(2027, 1, 2, 5, 0, 0), 2026),
        (JieyangPrepayment.RunName, new DateTime(2027, 1, 15, 3, 0, 0), 2027),
        (MeizhouPremiumInstalment.AprilName, new DateTime(2027, 4, 1, 3, 0, 0), 2027),
        (MeizhouPremiumClearing.RunName, new DateTime(2027, 6, 1, 3, 0, 0), 2026),
        (MeizhouPremiumInstalment.JulyName, new DateTime(2027, 7, 1, 3, 0, 0), 2027),
        (MeizhouSubsidyClearing.RunName, new DateTime(2027, 8, 20, 3, 0, 0), 2026),
        (MeizhouSubsidyPrefund.RunName, new DateTime(2027, 9, 1, 3, 0, 0), 2027),
        (BaoshanCoFunding.RunName, new DateTime(2027, 9, 30, 3, 0, 0), 2027),
    ];

    public static TheoryData<string, DateTime, int> Calendars => [.. Expected.Select(e => new TheoryDataRow<string, DateTime, int>(e.Run, e.FiresAt, e.Year))];

    [Fact]
    public void Every_yearly_timer_reads_its_schedule_from_the_app_setting_that_appsettings_json_gives_its_default()
    {
        var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "functions", "MedicalAssistance.Functions", "appsettings.json"))).RootElement.GetProperty("Runs");
        Assert.Equal(Expected.Length, YearlySchedules.All.Count);
        foreach (var (run, setting, schedule) in YearlySchedules.All)
        {
            var method = FunctionOf(run);
            var trigger = method.GetParameters()[0].GetCustomAttribute<TimerTriggerAttribute>()!;
            Assert.Equal($"%{setting}%", trigger.Schedule);
            Assert.Equal(schedule, settings.GetProperty(setting["Runs:".Length..]).GetString());
        }
    }

    [Fact]
    public async Task Each_timer_fires_on_its_calendar_date_and_runs_the_fund_year_of_that_date()
    {
        await using var h = await YearlyHarness.CreateAsync(azurite);
        await h.BudgetAsync(IdentityTypes.Meizhou, 2026, new FundBudget(100m, null, 1000m, null, 950m));
        await h.BudgetAsync(IdentityTypes.Meizhou, 2027, new FundBudget(100m, null, 2000m, null));
        await h.BudgetAsync(IdentityTypes.Jieyang, 2027, new FundBudget(100m, 0m, null, null));
        await h.BudgetAsync(IdentityTypes.Baoshan, 2026, new FundBudget(100m, 10m, null, 5m));
        await h.BudgetAsync(IdentityTypes.Baoshan, 2027, new FundBudget(100m, 10m, null, 5m));

        var start = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        foreach (var (run, _, schedule) in YearlySchedules.All.OrderBy(s => Expected.Single(e => e.Run == s.Run).FiresAt))
        {
            var (_, expectedAt, year) = Expected.Single(e => e.Run == run);
            var next = CronExpression.Parse(schedule, CronFormat.IncludeSeconds).GetNextOccurrence(start, ChinaTime.Zone)!.Value;
            Assert.Equal(new DateTimeOffset(expectedAt, TimeSpan.FromHours(8)), next);

            h.Time.SetUtcNow(next);
            await (Task)FunctionOf(run).Invoke(h.Functions, [new TimerInfo(), Ct])!;

            var state = await h.StateAsync(run, year);
            Assert.Equal((run, RunStatus.Done), (run, state?.Status));
            Assert.Null(await h.StateAsync(run, year == 2027 ? 2026 : 2027));
        }
    }

    [Theory]
    [MemberData(nameof(Calendars))]
    public async Task A_year_may_be_run_from_its_due_date_or_once_it_has_ended_and_not_a_day_before(string run, DateTime firesAt, int year)
    {
        await using var h = await YearlyHarness.CreateAsync(azurite);
        var opens = firesAt.Year == year ? DateOnly.FromDateTime(firesAt) : new DateOnly(year + 1, 1, 1);
        ITimerPeriodRun timer = h.Timers[run];
        var zone = ChinaTime.Zone;
        var period = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(timer.MayRunAt(period, new DateTimeOffset(opens.AddDays(-1).ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.FromHours(8)), zone));
        Assert.True(timer.MayRunAt(period, new DateTimeOffset(opens.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)), zone));
        Assert.False(timer.MayRunAt($"{period}-01", new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), zone));
    }

    [Fact]
    public async Task A_run_asked_for_before_its_due_date_is_refused_and_leaves_no_trace()
    {
        await using var h = await YearlyHarness.CreateAsync(azurite);
        h.At(new DateTime(2027, 1, 14, 23, 59, 0));
        await Assert.ThrowsAsync<ArgumentException>(() => h.RunAsync(JieyangPrepayment.RunName, 2027));
        Assert.Null(await h.StateAsync(JieyangPrepayment.RunName, 2027));
    }

    private static MethodInfo FunctionOf(string run) => typeof(YearlyRunFunctions).GetMethods()
        .Single(m => m.GetCustomAttribute<FunctionAttribute>()?.Name == run);
}
