using FluentValidation;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Enrolment.Parameters;

/// <summary>
/// <c>seed-demo</c>'s enrolment parameters, so that the demo people's subsidised enrolments show amounts. These are DEMO
/// values, not policy: the documents leave them to the operator (a year's individual contribution, Meizhou's and Inner
/// Mongolia's shares, Baoshan's fixed amount, Tumxuk's transition status). Set for the current and the next year, and only
/// where nothing is set yet: running the seed again never overwrites what an operator set through the API.
/// </summary>
public static class DemoEnrolmentParameters
{
    private const decimal DemoContribution = 400m;

    private static readonly Dictionary<string, EnrolmentParameters> ByProfile = new(StringComparer.Ordinal)
    {
        [IdentityTypes.Meizhou] = new(DemoContribution, SubsidyRatios: Ratios(("TEKUN", 1m), ("ORPHAN", 1m), ("DE_FACTO_ORPHAN", 1m), ("DIBAO", 1m), ("DIBAO_MARGINAL", 0.5m), ("MONITORED_RURAL", 0.5m))),
        [IdentityTypes.Jieyang] = new(DemoContribution, SubsidyRatios: Ratios(("OTHER_SPECIAL", 0.5m))),
        [IdentityTypes.InnerMongolia] = new(DemoContribution, SubsidyRatios: Ratios(("TEKUN", 1m), ("DIBAO", 1m), ("DIBAO_MARGINAL", 0.5m), ("MONITORED_RURAL", 0.5m), ("ILLNESS_POVERTY", 0.5m), ("OTHER_SPECIAL", 0.5m))),
        [IdentityTypes.Baoshan] = new(DemoContribution, FixedSubsidyAmount: 200m),
        [IdentityTypes.Tumxuk] = new(DemoContribution, MonitoredRuralInTransition: true),
    };

    public static async Task<string> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<EnrolmentParameterStore>();
        var year = Calendar.ChinaTime.DateOf(services.GetRequiredService<TimeProvider>().GetUtcNow()).Year;
        var set = 0;
        foreach (var (profile, parameters) in ByProfile)
        {
            new EnrolmentParametersValidator(profile).ValidateAndThrow(parameters);
            foreach (var y in new[] { year, year + 1 })
            {
                if (await store.GetAsync(profile, y, cancellationToken) == EnrolmentParameters.Missing)
                {
                    await store.PutAsync(profile, y, parameters, cancellationToken);
                    set++;
                }
            }
        }

        return $"enrolment parameters: demo values for {year} and {year + 1} ({set} set, {ByProfile.Count * 2 - set} kept as they were)";
    }

    private static Dictionary<string, decimal> Ratios(params (string Type, decimal Share)[] shares) =>
        shares.ToDictionary(s => s.Type, s => s.Share, StringComparer.Ordinal);
}
