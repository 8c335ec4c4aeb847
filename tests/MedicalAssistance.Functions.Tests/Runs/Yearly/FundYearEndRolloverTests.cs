using MedicalAssistance.Functions.Runs.FundBudgets;
using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Functions.Runs.Yearly;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Runs.Yearly;

/// <summary>The year-end rollover on Azurite: income and expenditure closed into the accumulated balance, balance accounts opened in January.</summary>
public sealed class FundYearEndRolloverTests(AzuriteFixture azurite)
{
    private const string Jieyang = IdentityTypes.Jieyang;

    [Fact]
    public async Task The_rollover_closes_the_years_income_and_expenditure_and_opens_the_next_year_with_the_closing_balances()
    {
        await using var h = await YearlyHarness.CreateAsync(azurite);
        await h.SpentAsync(Jieyang, "2024-12", 4_000.00m);
        await h.BudgetAsync(Jieyang, 2025, new FundBudget(1m, 0m, null, null));
        h.At(new DateTime(2025, 1, 15, 3, 0, 0));
        await h.RunAsync(JieyangPrepayment.RunName, 2025); // 1,000.00 remitted to the special account
        await h.SpentAsync(Jieyang, "2025-03", 1_000.00m, 200.00m);

        // Baoshan has a 2025 budget: its overspend sharing (posting to 2025-12) must come first.
        await h.BudgetAsync(IdentityTypes.Baoshan, 2025, new FundBudget(1_000m, 0m, null, null));
        h.At(new DateTime(2026, 1, 2, 5, 0, 0));
        var early = await Assert.ThrowsAsync<InvalidOperationException>(() => h.RunAsync(FundYearEndRollover.RunName, 2025));
        Assert.Contains(BaoshanOverspendSharing.RunName, early.Message, StringComparison.Ordinal);
        await h.RunAsync(BaoshanOverspendSharing.RunName, 2025);
        await h.RunAsync(FundYearEndRollover.RunName, 2025);

        decimal yearNet = 0m;
        for (var month = 1; month <= 12; month++)
        {
            var period = $"2025-{month:D2}";
            await h.AssertBalancedAsync(Jieyang, period);
            yearNet += (await h.JournalAsync(Jieyang, period)).Where(l => YearlySubjects.IsIncomeOrExpenditure(l.Code)).Sum(l => l.Side == JournalSide.Debit ? l.Amount : -l.Amount);
        }

        Assert.Equal(0m, yearNet);
        // spent 1,200.00 against 1,000.00 remitted: a deficit of 200.00 in the accumulated balance
        Assert.Equal(200.00m, await h.NetAsync(Jieyang, "2025-12", YearlySubjects.AccumulatedBalance));
        await h.AssertBalancedAsync(Jieyang, "2026-01");
        Assert.Equal((-1_200.00m, 1_000.00m, 200.00m), (await h.NetAsync(Jieyang, "2026-01", FundSubjects.ExpenditureAccount),
            await h.NetAsync(Jieyang, "2026-01", YearlySubjects.SpecialAccount), await h.NetAsync(Jieyang, "2026-01", YearlySubjects.AccumulatedBalance)));
        Assert.All(await h.JournalAsync(Jieyang, "2026-01"), l => Assert.Equal(FundYearEndRollover.OpeningRun, l.Run));
        var trial = await h.TextAsync(FundYearEndRollover.RunName, 2025, YearlyFiles.TrialBalance);
        Assert.Contains("2026-01,jieyang-2019,AST_SPECIAL_ACCOUNT,,财政专户存款,1000.00,0.00", trial, StringComparison.Ordinal);

        // The next year end reads the opening lines and carries the same balances on.
        h.At(new DateTime(2027, 1, 2, 5, 0, 0));
        await h.RunAsync(FundYearEndRollover.RunName, 2026);
        Assert.Equal((-1_200.00m, 1_000.00m, 200.00m), (await h.NetAsync(Jieyang, "2027-01", FundSubjects.ExpenditureAccount),
            await h.NetAsync(Jieyang, "2027-01", YearlySubjects.SpecialAccount), await h.NetAsync(Jieyang, "2027-01", YearlySubjects.AccumulatedBalance)));
        Assert.Empty(await h.JournalAsync(Jieyang, "2026-12"));
    }
}
