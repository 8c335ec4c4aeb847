using System.Text.Json.Nodes;
using MedicalAssistance.Functions.Calendar;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Policy.Profiles;

namespace MedicalAssistance.Functions.Claims.Parameters;

/// <summary>
/// <c>seed-demo</c>'s settlement parameters for the profiles whose documents leave them to the operator (Meizhou's and Inner
/// Mongolia's benefit tables, Baoshan's income statistic and caps, Inner Mongolia's rural income; docs/scenario-format.md §3.1).
/// These are DEMO VALUES, not policy, and are set as user "seed-demo (demo values)" only where a year has none, so an
/// operator's values are never overwritten. Jieyang and Tumxuk need none.
/// </summary>
public static class DemoSettlementParameters
{
    public const string SetBy = "seed-demo (demo values)";

    public static async Task<string> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<SettlementParameterStore>();
        var time = services.GetRequiredService<TimeProvider>();
        var current = ChinaTime.DateOf(time.GetUtcNow()).Year;
        var years = Enumerable.Range(DemoClaims.Year, Math.Max(1, current + 2 - DemoClaims.Year)).ToList();
        var set = 0;
        foreach (var profile in new[] { IdentityTypes.Meizhou, IdentityTypes.InnerMongolia, IdentityTypes.Baoshan })
        {
            foreach (var year in years)
            {
                if (await store.GetAsync(profile, year, cancellationToken) is null)
                {
                    await store.PutAsync(profile, year, For(PolicyProfiles.Get(profile)), SetBy, time.GetUtcNow(), cancellationToken);
                    set++;
                }
            }
        }

        return $"settlement parameters: demo values for meizhou-2025, inner-mongolia-2024, baoshan-2023 in {years[0]}–{years[^1]} ({set} set, {years.Count * 3 - set} kept as they were)";
    }

    /// <summary>Demo values: a benefit rule for every covered type (and Meizhou's two-disease children), or Baoshan's amounts.</summary>
    public static string For(PolicyProfile profile)
    {
        var root = new JsonObject();
        if (profile.Id == IdentityTypes.Baoshan)
        {
            root["provinceDisposableIncomePrevYear"] = 28_000m;
            root["outpatientAnnualCap"] = 30_000m;
            root["inpatientAnnualCap"] = 100_000m;
        }

        if (profile.Id == IdentityTypes.InnerMongolia)
        {
            root["ruralDisposableIncomePrevYear"] = 21_000m;
        }

        if (profile.OperatorBenefits)
        {
            var benefits = new JsonObject();
            foreach (var type in profile.CoveredTypes)
            {
                var full = type.Rank <= 3; // the most vulnerable (特困, orphans) get no deductible and the highest ratio
                benefits[type.Code] = new JsonObject
                {
                    ["deductible"] = full ? 0m : 1_000m,
                    ["ratio"] = full ? 0.9m : 0.7m,
                    ["annualCap"] = full ? 100_000m : 60_000m,
                    ["tilted"] = new JsonObject { ["deductible"] = 5_000m, ["ratio"] = 0.5m, ["annualCap"] = 50_000m },
                };
            }

            if (profile.TwoDiseaseChild is not null)
            {
                benefits[IdentityTypes.TwoDiseaseChild] = new JsonObject { ["deductible"] = 0m, ["ratio"] = 0.7m, ["annualCap"] = 100_000m };
            }

            root["benefits"] = benefits;
        }

        return root.ToJsonString();
    }
}
