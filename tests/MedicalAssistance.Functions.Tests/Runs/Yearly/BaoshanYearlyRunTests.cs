using System.Globalization;
using MedicalAssistance.Functions.Runs.FundBudgets;
using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Functions.Runs.Yearly;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Runs.Yearly;

/// <summary>Baoshan Art. 20–21 on Azurite: the county co-funding by 30 September and the year-end overspend sharing in its three bands.</summary>
public sealed class BaoshanYearlyRunTests(AzuriteFixture azurite)
{
    private const string Baoshan = IdentityTypes.Baoshan;
    private const string City = "市级以累计结余承担";
    private const string County = "县级承担";
    private const string Uncovered = "累计结余不足部分由县级承担";

    [Fact]
    public async Task The_county_co_funding_set_in_the_budget_is_due_on_30_September()
    {
        await using var h = await YearlyHarness.CreateAsync(azurite);
        await h.BudgetAsync(Baoshan, 2026, new FundBudget(10_000_000m, 0m, null, 1_234_567.89m));
        h.At(new DateTime(2026, 9, 30, 3, 0, 0));
        await h.RunAsync(BaoshanCoFunding.RunName, 2026);
        Assert.Equal(1_234_567.89m, Assert.Single(await h.AmountsAsync(BaoshanCoFunding.RunName, 2026)).Value);
        Assert.Equal(-1_234_567.89m, await h.NetAsync(Baoshan, "2026-09", YearlySubjects.CountySubsidy));
        await h.AssertBalancedAsync(Baoshan, "2026-09");
    }

    /// <summary>Budget 1,000,000.00 each time; the band applies to the whole overspend (BS-6); the rate is compared unrounded.</summary>
    [Theory]
    [InlineData("1020000.00", "5000.00", "5000.00", "0.00", "15000.00")]     // 2%: city all, but the balance covers only 5,000
    [InlineData("1030000.00", "100000.00", "30000.00", "0.00", "0.00")]      // exactly 3%: city all
    [InlineData("1030000.10", "100000.00", "15000.05", "15000.05", "0.00")]  // 3.00001%: half each
    [InlineData("1040000.00", "10000.00", "10000.00", "20000.00", "10000.00")] // 4%: half each, the balance covers 10,000 of the city's 20,000
    [InlineData("1050000.00", "100000.00", "25000.00", "25000.00", "0.00")]  // exactly 5%: half each
    [InlineData("1050000.01", "100000.00", "0.00", "50000.01", "0.00")]      // 5.000001%: the county all
    public async Task An_overspend_is_shared_by_its_band_against_the_budget_and_what_balances_cannot_cover_falls_to_the_county(
        string actual, string balance, string city, string county, string uncovered)
    {
        await using var h = await YearlyHarness.CreateAsync(azurite);
        await h.SpentAsync(Baoshan, "2025-06", D(actual));
        await h.BudgetAsync(Baoshan, 2025, new FundBudget(1_000_000.00m, D(balance), null, null));
        h.At(new DateTime(2026, 1, 2, 3, 0, 0));
        await h.RunAsync(BaoshanOverspendSharing.RunName, 2025);

        var amounts = await h.AmountsAsync(BaoshanOverspendSharing.RunName, 2025);
        Assert.Equal((D(city), D(county), D(uncovered)), (amounts[City], amounts[County], amounts[Uncovered]));
        Assert.Equal(D(actual) - 1_000_000.00m, await h.NetAsync(Baoshan, "2025-12", FundSubjects.ExpenditureAccount));
        Assert.Equal(-D(city), await h.NetAsync(Baoshan, "2025-12", YearlySubjects.SpecialAccount));
        Assert.Equal(-(D(county) + D(uncovered)), await h.NetAsync(Baoshan, "2025-12", YearlySubjects.LowerLevelRemittance));
        await h.AssertBalancedAsync(Baoshan, "2025-12");
    }

    [Fact]
    public async Task Spending_within_the_budget_shares_nothing_and_posts_nothing()
    {
        await using var h = await YearlyHarness.CreateAsync(azurite);
        await h.SpentAsync(Baoshan, "2025-06", 990_000.00m);
        await h.BudgetAsync(Baoshan, 2025, new FundBudget(1_000_000.00m, 50_000m, null, null));
        h.At(new DateTime(2026, 1, 2, 3, 0, 0));
        await h.RunAsync(BaoshanOverspendSharing.RunName, 2025);
        Assert.Equal(0m, Assert.Single(await h.AmountsAsync(BaoshanOverspendSharing.RunName, 2025)).Value);
        Assert.Empty(await h.JournalAsync(Baoshan, "2025-12"));
    }

    [Theory]
    [InlineData("0.03", "1")]
    [InlineData("0.0300000001", "0.5")]
    [InlineData("0.05", "0.5")]
    [InlineData("0.0500000001", "0")]
    public void The_city_ratio_changes_just_above_3_and_5_percent(string rate, string ratio) =>
        Assert.Equal(D(ratio), BaoshanOverspendSharing.CityRatio(D(rate)));

    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
}
