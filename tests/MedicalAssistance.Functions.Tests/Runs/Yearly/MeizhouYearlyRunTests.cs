using MedicalAssistance.Functions.Runs;
using MedicalAssistance.Functions.Runs.FundBudgets;
using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Functions.Runs.Yearly;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Runs.Yearly;

/// <summary>Meizhou Art. 16–18 on Azurite, amounts computed by hand: premium instalments and their clearing, the subsidy prefund and its clearing.</summary>
public sealed class MeizhouYearlyRunTests(AzuriteFixture azurite)
{
    private const string Meizhou = IdentityTypes.Meizhou;

    [Fact]
    public async Task The_premium_is_paid_50_and_40_percent_of_last_years_actual_assistance_and_cleared_at_actual_cost_the_next_June()
    {
        await using var h = await YearlyHarness.CreateAsync(azurite);
        await h.SpentAsync(Meizhou, "2025-03", 60_000.00m);
        await h.SpentAsync(Meizhou, "2025-11", 0m, 40_000.01m);

        h.At(new DateTime(2026, 4, 1, 3, 0, 0));
        await h.RunAsync(MeizhouPremiumInstalment.AprilName, 2026);
        // 100,000.01 × 50% = 50,000.005 → 50,000.01 (away from zero)
        Assert.Equal(50_000.01m, Assert.Single(await h.AmountsAsync(MeizhouPremiumInstalment.AprilName, 2026)).Value);

        h.At(new DateTime(2026, 7, 1, 3, 0, 0));
        await h.RunAsync(MeizhouPremiumInstalment.JulyName, 2026);
        // 100,000.01 × 40% = 40,000.004 → 40,000.00
        Assert.Equal(40_000.00m, Assert.Single(await h.AmountsAsync(MeizhouPremiumInstalment.JulyName, 2026)).Value);
        Assert.Equal(40_000.00m, await h.NetAsync(Meizhou, "2026-07", YearlySubjects.PrepaidPremium));
        Assert.Equal(-40_000.00m, await h.NetAsync(Meizhou, "2026-07", FundSubjects.ExpenditureAccount));

        await h.SpentAsync(Meizhou, "2026-05", 95_000.00m);
        h.At(new DateTime(2027, 6, 1, 3, 0, 0));
        await h.RunAsync(MeizhouPremiumClearing.RunName, 2026);
        // actual 2026 95,000.00 − (50,000.01 + 40,000.00) = 4,999.99 still to pay
        Assert.Equal(4_999.99m, Assert.Single(await h.AmountsAsync(MeizhouPremiumClearing.RunName, 2026)).Value);
        Assert.Equal(4_999.99m, await h.NetAsync(Meizhou, "2027-06", YearlySubjects.PrepaidPremium));
        var text = await h.TextAsync(MeizhouPremiumClearing.RunName, 2026, YearlyFiles.Amounts);
        Assert.Contains("本年实际救助支出 2026: 95000.00", text, StringComparison.Ordinal);
        Assert.Contains("已拨4月 50000.01", text, StringComparison.Ordinal);
        foreach (var month in new[] { "2026-04", "2026-07", "2027-06" })
        {
            await h.AssertBalancedAsync(Meizhou, month);
        }
    }

    [Fact]
    public async Task The_September_prefund_is_90_percent_of_the_approved_total_and_last_years_surplus_from_the_August_clearing_offsets_it()
    {
        await using var h = await YearlyHarness.CreateAsync(azurite);
        await h.BudgetAsync(Meizhou, 2025, new FundBudget(5_000_000m, null, 1_000_000.00m, null));
        h.At(new DateTime(2025, 9, 1, 3, 0, 0));
        await h.RunAsync(MeizhouSubsidyPrefund.RunName, 2025);
        var first = await h.AmountsAsync(MeizhouSubsidyPrefund.RunName, 2025);
        Assert.Equal((900_000.00m, 0m, 900_000.00m), (first["资助参保资金预拨承办机构"], first["上年清算多拨抵减本次预拨"], first["向市财政申请资助资金"]));

        await h.BudgetAsync(Meizhou, 2026, new FundBudget(5_000_000m, null, 1_100_000.00m, null));
        h.At(new DateTime(2026, 9, 1, 3, 0, 0));
        // The 2025 prefund is not cleared yet: its surplus would be missed.
        var early = await Assert.ThrowsAsync<InvalidOperationException>(() => h.RunAsync(MeizhouSubsidyPrefund.RunName, 2026));
        Assert.Contains(MeizhouSubsidyClearing.RunName, early.Message, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Failed, (await h.StateAsync(MeizhouSubsidyPrefund.RunName, 2026))?.Status);

        // The clearing needs the actual cost; the operator sets it as a new version of the 2025 budget.
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => h.RunAsync(MeizhouSubsidyClearing.RunName, 2025));
        Assert.Contains("actualSubsidyCost", missing.Message, StringComparison.Ordinal);
        await h.BudgetAsync(Meizhou, 2025, new FundBudget(5_000_000m, null, 1_000_000.00m, null, 880_000.00m));
        await h.RunAsync(MeizhouSubsidyClearing.RunName, 2025);
        Assert.Equal(20_000.00m, (await h.AmountsAsync(MeizhouSubsidyClearing.RunName, 2025))["资助参保清算：预拨多于实际，抵减下年预拨"]);
        Assert.Contains("fund-budgets meizhou-2025/2025 v2", await h.TextAsync(MeizhouSubsidyClearing.RunName, 2025, YearlyFiles.Amounts), StringComparison.Ordinal);

        await h.RunAsync(MeizhouSubsidyPrefund.RunName, 2026);
        var second = await h.AmountsAsync(MeizhouSubsidyPrefund.RunName, 2026);
        Assert.Equal((990_000.00m, 20_000.00m, 970_000.00m), (second["资助参保资金预拨承办机构"], second["上年清算多拨抵减本次预拨"], second["向市财政申请资助资金"]));
        Assert.Equal(990_000.00m, await h.NetAsync(Meizhou, "2026-09", YearlySubjects.EnrolmentSubsidy));
        Assert.Equal(-970_000.00m, await h.NetAsync(Meizhou, "2026-09", YearlySubjects.MunicipalSubsidy));
        Assert.Equal(0m, await h.NetAsync(Meizhou, "2026-08", YearlySubjects.DueFromInsurer) + await h.NetAsync(Meizhou, "2026-09", YearlySubjects.DueFromInsurer));
        foreach (var month in new[] { "2025-09", "2026-08", "2026-09" })
        {
            await h.AssertBalancedAsync(Meizhou, month);
        }
    }

    [Fact]
    public async Task A_subsidy_advance_below_the_actual_cost_is_topped_up_within_a_month_of_the_clearing()
    {
        await using var h = await YearlyHarness.CreateAsync(azurite);
        await h.BudgetAsync(Meizhou, 2025, new FundBudget(1m, null, 333_333.33m, null, 310_000.00m));
        h.At(new DateTime(2025, 9, 1, 3, 0, 0));
        await h.RunAsync(MeizhouSubsidyPrefund.RunName, 2025);
        // 333,333.33 × 90% = 299,999.997 → 300,000.00
        Assert.Equal(300_000.00m, (await h.AmountsAsync(MeizhouSubsidyPrefund.RunName, 2025))["资助参保资金预拨承办机构"]);

        h.At(new DateTime(2026, 8, 20, 3, 0, 0));
        await h.RunAsync(MeizhouSubsidyClearing.RunName, 2025);
        Assert.Equal(10_000.00m, (await h.AmountsAsync(MeizhouSubsidyClearing.RunName, 2025))["资助参保清算：预拨不足，一个月内补拨"]);
        Assert.Equal(10_000.00m, await h.NetAsync(Meizhou, "2026-08", YearlySubjects.EnrolmentSubsidy));
    }
}
