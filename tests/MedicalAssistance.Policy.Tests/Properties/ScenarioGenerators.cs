using CsCheck;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Policy.Profiles;
using MedicalAssistance.Policy.Scenarios;

namespace MedicalAssistance.Policy.Tests.Properties;

/// <summary>
/// Random valid scenarios for every profile: identities of any glossary type with random windows, claims of every kind
/// across two years, every flag, and operator values for every rule a profile may need.
/// </summary>
internal static class ScenarioGenerators
{
    private static readonly int FirstDay = new DateOnly(2023, 6, 1).DayNumber;
    private static readonly int LastDay = new DateOnly(2025, 12, 31).DayNumber;

    private static readonly Gen<decimal> Money = Gen.Int[-300_000, 4_000_000].Select(cents => Math.Max(0, cents) / 100m);
    private static readonly Gen<decimal> SmallMoney = Gen.Int[-100_000, 1_500_000].Select(cents => Math.Max(0, cents) / 100m);
    private static readonly Gen<decimal> Ratio = Gen.Int[0, 10_000].Select(r => r / 10_000m);
    private static readonly Gen<DateOnly> Day = Gen.Int[FirstDay, LastDay].Select(DateOnly.FromDayNumber);

    private static readonly Gen<TiltedRule?> Tilted = Gen.Select(SmallMoney, Ratio, Money, Gen.Bool)
        .Select(t => t.Item4 ? new TiltedRule(t.Item1, t.Item2, t.Item3) : null);

    private static readonly Gen<BenefitRule> Benefit = Gen.Select(SmallMoney, Ratio, Money, Money, Gen.Bool, Tilted)
        .Select(t => t.Item5
            ? new BenefitRule(t.Item1, t.Item2, t.Item3, null, null, t.Item6)
            : new BenefitRule(t.Item1, t.Item2, null, t.Item3, t.Item4, t.Item6));

    /// <summary>Mostly types the profile covers (so that claims get paid), sometimes any glossary type.</summary>
    private static Gen<Identity> IdentityGen(PolicyProfile profile) =>
        from covered in Gen.Int[0, 4]
        from anyRank in Gen.Int[1, IdentityTypes.MaxRank]
        from coveredIndex in Gen.Int[0, profile.CoveredTypes.Count() - 1]
        let rank = covered > 0 ? profile.CoveredTypes.ElementAt(coveredIndex).Rank : anyRank
        from start in Gen.Int[FirstDay - 400, LastDay].Select(DateOnly.FromDayNumber)
        from determinedShift in Gen.Int[-60, 60]
        from length in Gen.Int[-300, 700]
        select new Identity(
            IdentityTypes.ByRank(rank),
            start.AddDays(determinedShift),
            start,
            length < 0 ? null : start.AddDays(length)); // open-ended about 30% of the time

    private static readonly Gen<Facility?> FacilityGen = Gen.Select(Gen.Int[0, 9], Gen.Bool, Gen.Bool)
        .Select(t => t.Item1 == 0 ? (Facility?)null
            : new Facility(t.Item1 % 3 + 1, InProvince: t.Item1 != 1, InCity: t.Item2, Designated: t.Item1 != 2 || t.Item3));

    private static Gen<Claim> ClaimGen(bool uninsured) =>
        from kind in Gen.Int[0, 2].Select(k => (ClaimKind)k)
        from admission in Day
        from stay in Gen.Int[0, 40]
        from amounts in Gen.Select(Money, SmallMoney, SmallMoney, Gen.Int[0, 4])
        from flags in Gen.Select(Gen.Int[0, 7], Gen.Int[0, 9], Gen.Int[0, 9])
        from facility in FacilityGen
        from diagnosis in Gen.OneOf<string?>(null, "leukemia", "congenital-heart-disease", "pneumonia")
        from exclusion in Gen.Int[0, 12].Select(e => e <= 5 ? (Exclusion)e : Exclusion.None)
        select new Claim(
            "",
            kind,
            admission,
            kind == ClaimKind.Inpatient ? admission.AddDays(stay) : null,
            amounts.Item1,
            amounts.Item2,
            uninsured || amounts.Item4 == 0 ? amounts.Item3 : null,
            Referral: flags.Item2 != 0,
            Emergency: flags.Item1 == 1,
            FollowUp: flags.Item1 == 2,
            Facility: facility,
            Diagnosis: diagnosis,
            Exclusion: exclusion);

    public static readonly Gen<Scenario> Scenario =
        from profile in Gen.OneOf<PolicyProfile>([.. PolicyProfiles.All])
        from birth in Gen.Int[new DateOnly(1940, 1, 1).DayNumber, new DateOnly(2020, 12, 31).DayNumber].Select(DateOnly.FromDayNumber)
        from insurance in Gen.Int[0, 5].Select(i => i switch { 4 => InsuranceStatus.Employee, 5 => InsuranceStatus.None, _ => InsuranceStatus.Resident })
        from mental in Gen.Bool
        from identities in IdentityGen(profile).Array[0, 3]
        from generated in ClaimGen(insurance == InsuranceStatus.None).Array[0, 12]
        let claims = generated.Select((c, i) => c with { Id = $"c{i}" }).ToArray()
        from amounts in Gen.Select(Money, Money, Money)
        from rules in Benefit.Array[PolicyProfile.SlotCount]
        select new Scenario(
            profile,
            Parameters(profile, amounts, rules),
            new Person("P", birth, insurance, mental, identities),
            claims);

    /// <summary>Every parameter a profile may ask for: money parameters, and a rule for every covered type and two-disease.</summary>
    private static ScenarioParameters Parameters(PolicyProfile profile, (decimal, decimal, decimal) amounts, BenefitRule[] rules)
    {
        var money = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var values = new[] { amounts.Item1, amounts.Item2, amounts.Item3 };
        for (var i = 0; i < profile.RequiredParameters.Count; i++)
        {
            money[profile.RequiredParameters[i]] = values[i];
        }

        var benefits = new Dictionary<string, BenefitRule>(StringComparer.Ordinal);
        if (profile.OperatorBenefits)
        {
            foreach (var type in profile.CoveredTypes)
            {
                benefits[type.Code] = rules[type.Rank];
            }

            benefits[IdentityTypes.TwoDiseaseChild] = rules[PolicyProfile.TwoDiseaseChildSlot];
        }

        return new ScenarioParameters(money, benefits);
    }

    /// <summary>A readable description of a failing sample.</summary>
    public static string Describe(Scenario s) =>
        $"{s.Profile.Id} person {s.Person.BirthDate} {s.Person.Insurance} identities [{string.Join("; ", s.Person.Identities)}] "
        + $"claims [{string.Join("; ", s.Claims.AsEnumerable())}]";
}
