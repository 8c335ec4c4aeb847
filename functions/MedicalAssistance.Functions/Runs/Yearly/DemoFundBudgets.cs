using MedicalAssistance.Functions.Runs.FundBudgets;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// <c>seed-demo</c>'s fund budgets for 2025 and 2026 of the three profiles with yearly runs, so a newcomer can run any of them for a
/// past year (README "Yearly runs"). Baoshan's 2025 budget is small, so the demo claims of 2025, once monthly-settlement has run for
/// August and September 2025, overspend it. Idempotent: a budget already in force with these figures is not set again.
/// </summary>
public static class DemoFundBudgets
{
    public static IReadOnlyList<(string Profile, int Year, FundBudget Budget)> All { get; } =
    [
        (IdentityTypes.Meizhou, 2025, new FundBudget(5_000_000.00m, 800_000.00m, 3_600_000.00m, null, 3_450_000.00m)),
        (IdentityTypes.Meizhou, 2026, new FundBudget(5_200_000.00m, 900_000.00m, 3_800_000.00m, null)),
        (IdentityTypes.Jieyang, 2025, new FundBudget(4_000_000.00m, 300_000.00m, null, null)),
        (IdentityTypes.Jieyang, 2026, new FundBudget(4_200_000.00m, 350_000.00m, null, null)),
        (IdentityTypes.Baoshan, 2025, new FundBudget(10_000.00m, 200.00m, null, 1_500_000.00m)),
        (IdentityTypes.Baoshan, 2026, new FundBudget(6_000_000.00m, 500_000.00m, null, 1_600_000.00m)),
    ];

    public static async Task<string> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<FundBudgetStore>();
        var time = services.GetRequiredService<TimeProvider>();
        var set = 0;
        foreach (var (profile, year, budget) in All)
        {
            if ((await store.GetAsync(profile, year, cancellationToken))?.Budget != budget)
            {
                await store.PutAsync(profile, year, budget, "seed-demo", time.GetUtcNow(), cancellationToken);
                set++;
            }
        }

        return $"fund budgets: {All.Count} ({set} set now) for 2025 and 2026 of {IdentityTypes.Meizhou}, {IdentityTypes.Jieyang}, {IdentityTypes.Baoshan}";
    }
}
