using MedicalAssistance.Functions.Calendar;
using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Runs.Monitoring;

/// <summary>
/// <c>seed-demo</c>'s monitoring thresholds for the profiles that leave them to the operator (all but Inner Mongolia, whose
/// Art. 8 thresholds come from the settlement parameters): a DEMO VALUE of <see cref="DemoThreshold"/> yuan, low enough that the
/// demo claims' burdens (their out-of-policy costs alone are 2,400.00) appear on <c>monthly-monitoring</c> for 2025-08 or 2025-09.
/// Set as user "seed-demo (demo values)" only where a year has none, so an operator's value is never overwritten.
/// </summary>
public static class DemoMonitoringThresholds
{
    public const decimal DemoThreshold = 2_000m;

    public static async Task<string> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<MonitoringThresholdStore>();
        var time = services.GetRequiredService<TimeProvider>();
        var current = ChinaTime.DateOf(time.GetUtcNow()).Year;
        var years = Enumerable.Range(DemoClaims.Year, Math.Max(1, current + 2 - DemoClaims.Year)).ToList();
        var profiles = IdentityTypes.ProfileIds.Where(p => p != IdentityTypes.InnerMongolia).ToList();
        var set = 0;
        foreach (var profile in profiles)
        {
            foreach (var year in years)
            {
                if (await store.GetAsync(profile, year, cancellationToken) is null)
                {
                    await store.PutAsync(profile, year, new MonitoringThreshold(DemoThreshold), Claims.Parameters.DemoSettlementParameters.SetBy, time.GetUtcNow(), cancellationToken);
                    set++;
                }
            }
        }

        return FormattableString.Invariant($"monitoring thresholds: demo value {DemoThreshold:0.00} for {string.Join(", ", profiles)} in {years[0]}–{years[^1]} ({set} set, {years.Count * profiles.Count - set} kept as they were)");
    }
}
