using MedicalAssistance.Functions.Runs;
using MedicalAssistance.Functions.Runs.FundBudgets;
using MedicalAssistance.Functions.Runs.Yearly;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Runs.Yearly;

/// <summary>A yearly run posts once per name and year: re-triggered, fired by two hosts at once, or taken over after a crash with changed figures.</summary>
public sealed class YearlyRunExactlyOnceTests(AzuriteFixture azurite)
{
    private const string Baoshan = IdentityTypes.Baoshan;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_triggered_again_for_a_done_year_posts_nothing_more()
    {
        await using var h = await YearlyHarness.CreateAsync(azurite);
        await h.BudgetAsync(Baoshan, 2026, new FundBudget(1m, 0m, null, 500.00m));
        h.At(new DateTime(2026, 9, 30, 3, 0, 0));
        await h.Functions.RunBaoshanCoFunding(new Microsoft.Azure.Functions.Worker.TimerInfo(), Ct);
        await h.BudgetAsync(Baoshan, 2026, new FundBudget(1m, 0m, null, 800.00m));
        await h.RunAsync(BaoshanCoFunding.RunName, 2026);
        await h.Functions.RunBaoshanCoFunding(new Microsoft.Azure.Functions.Worker.TimerInfo(), Ct);

        Assert.Equal(2, (await h.JournalAsync(Baoshan, "2026-09")).Count);
        Assert.Equal(500.00m, await h.NetAsync(Baoshan, "2026-09", YearlySubjects.SpecialAccount));
        Assert.Equal(1, (await h.StateAsync(BaoshanCoFunding.RunName, 2026))?.Attempt);
    }

    [Fact]
    public async Task Two_hosts_firing_the_same_timer_together_post_the_year_once()
    {
        await using var one = await YearlyHarness.CreateAsync(azurite);
        await using var two = await YearlyHarness.CreateAsync(azurite, shareWith: one);
        await one.BudgetAsync(Baoshan, 2026, new FundBudget(1m, 0m, null, 700.00m));
        var at = new DateTime(2026, 9, 30, 3, 0, 0);
        one.At(at);
        two.At(at);

        async Task FireAsync(YearlyHarness host)
        {
            try
            {
                await host.Functions.RunBaoshanCoFunding(new Microsoft.Azure.Functions.Worker.TimerInfo(), Ct);
            }
            catch (RunBusyException)
            {
                // The other host holds the year: this occurrence is retried later and then finds it done.
            }
        }

        await Task.WhenAll(FireAsync(one), FireAsync(two));
        await FireAsync(two);

        Assert.Equal(2, (await one.JournalAsync(Baoshan, "2026-09")).Count);
        Assert.Equal(700.00m, await one.NetAsync(Baoshan, "2026-09", YearlySubjects.SpecialAccount));
        Assert.Equal(RunStatus.Done, (await one.StateAsync(BaoshanCoFunding.RunName, 2026))?.Status);
    }

    [Fact]
    public async Task An_attempt_taken_over_after_a_crash_corrects_what_the_crashed_attempt_posted_with_reversing_lines_never_edits()
    {
        await using var h = await YearlyHarness.CreateAsync(azurite);
        await h.BudgetAsync(Baoshan, 2026, new FundBudget(1m, 0m, null, 1_234.00m));
        h.At(new DateTime(2026, 9, 30, 3, 0, 0));
        // The first attempt posts, then its host dies before marking the year done.
        var claim = await h.Runs.TryClaimAsync(BaoshanCoFunding.RunName, "2026", h.Time.GetUtcNow(), h.Options.StaleAfter, Ct);
        Assert.Equal(RunClaimOutcome.Claimed, claim.Outcome);
        var crashed = new YearlyFundRun(new BaoshanCoFunding(h.Figures), h.Journal, h.Outputs);
        await crashed.ExecuteAsync(new RunContext(h.Runs, claim.State, claim.ETag, h.Time), Ct);
        var posted = await h.JournalAsync(Baoshan, "2026-09");
        Assert.Equal(2, posted.Count);

        // Meanwhile the operator corrects the figure; the next delivery finds the attempt stale and takes over.
        await h.BudgetAsync(Baoshan, 2026, new FundBudget(1m, 0m, null, 1_000.00m));
        h.Time.Advance(h.Options.StaleAfter + TimeSpan.FromSeconds(1));
        await h.RunAsync(BaoshanCoFunding.RunName, 2026);

        var all = await h.JournalAsync(Baoshan, "2026-09");
        Assert.Equal(4, all.Count);
        Assert.All(posted, line => Assert.Contains(line, all));
        Assert.Equal(1_000.00m, await h.NetAsync(Baoshan, "2026-09", YearlySubjects.SpecialAccount));
        Assert.Equal(-1_000.00m, await h.NetAsync(Baoshan, "2026-09", YearlySubjects.CountySubsidy));
        await h.AssertBalancedAsync(Baoshan, "2026-09");
        Assert.Equal(1_000.00m, Assert.Single(await h.AmountsAsync(BaoshanCoFunding.RunName, 2026)).Value);
        Assert.Equal((RunStatus.Done, 2), ((await h.StateAsync(BaoshanCoFunding.RunName, 2026))?.Status, (await h.StateAsync(BaoshanCoFunding.RunName, 2026))?.Attempt));
    }
}
