using MedicalAssistance.Functions.Runs.FundBudgets;
using MedicalAssistance.Functions.Runs.Yearly;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Runs.Yearly;

/// <summary>Jieyang 四(二) on Azurite: the 15 January prepayment is 25% of last year's actual cost less the balance carried forward.</summary>
public sealed class JieyangPrepaymentTests(AzuriteFixture azurite)
{
    private const string Jieyang = IdentityTypes.Jieyang;

    [Fact]
    public async Task The_prepayment_is_25_percent_of_last_years_actual_cost_less_the_carried_forward_balance_and_never_below_zero()
    {
        await using var h = await YearlyHarness.CreateAsync(azurite);
        await h.SpentAsync(Jieyang, "2025-06", 150_000.00m, 50_000.02m);
        await h.BudgetAsync(Jieyang, 2026, new FundBudget(900_000m, 10_000.00m, null, null));
        h.At(new DateTime(2026, 1, 15, 3, 0, 0));
        await h.RunAsync(JieyangPrepayment.RunName, 2026);
        // 200,000.02 × 25% = 50,000.005 → 50,000.01; − 10,000.00 carried forward = 40,000.01
        Assert.Equal(40_000.01m, Assert.Single(await h.AmountsAsync(JieyangPrepayment.RunName, 2026)).Value);
        Assert.Equal(40_000.01m, await h.NetAsync(Jieyang, "2026-01", YearlySubjects.SpecialAccount));
        Assert.Equal(-40_000.01m, await h.NetAsync(Jieyang, "2026-01", YearlySubjects.LowerLevelRemittance));
        await h.AssertBalancedAsync(Jieyang, "2026-01");
        var text = await h.TextAsync(JieyangPrepayment.RunName, 2026, YearlyFiles.Amounts);
        Assert.Contains("上年实际救助费用 2025: 200000.02", text, StringComparison.Ordinal);
        Assert.Contains("结转结余 10000.00（fund-budgets jieyang-2019/2026 v1 accumulatedBalance）", text, StringComparison.Ordinal);

        await h.BudgetAsync(Jieyang, 2027, new FundBudget(900_000m, 60_000.00m, null, null));
        await h.SpentAsync(Jieyang, "2026-02", 200_000.00m);
        h.At(new DateTime(2027, 1, 15, 3, 0, 0));
        await h.RunAsync(JieyangPrepayment.RunName, 2027);
        // 50,000.00 − 60,000.00 carried: nothing to prepay, nothing posted
        Assert.Equal(0m, Assert.Single(await h.AmountsAsync(JieyangPrepayment.RunName, 2027)).Value);
        Assert.Empty(await h.JournalAsync(Jieyang, "2027-01"));
    }

    [Fact]
    public async Task Without_the_years_fund_budget_the_run_fails_saying_what_to_set_and_runs_once_it_is_set()
    {
        await using var h = await YearlyHarness.CreateAsync(azurite);
        h.At(new DateTime(2027, 1, 15, 3, 0, 0));
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => h.RunAsync(JieyangPrepayment.RunName, 2027));
        Assert.Contains("PUT /api/fund-budgets/jieyang-2019/2027", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PUT /api/fund-budgets/jieyang-2019/2027", (await h.StateAsync(JieyangPrepayment.RunName, 2027))?.Error, StringComparison.Ordinal);

        await h.BudgetAsync(Jieyang, 2027, new FundBudget(1m, 0m, null, null));
        await h.RunAsync(JieyangPrepayment.RunName, 2027);
        Assert.Equal(Functions.Runs.RunStatus.Done, (await h.StateAsync(JieyangPrepayment.RunName, 2027))?.Status);
    }
}
