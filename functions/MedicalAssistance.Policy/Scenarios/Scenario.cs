using MedicalAssistance.Policy.Profiles;
using MedicalAssistance.Policy.Settlement;

namespace MedicalAssistance.Policy.Scenarios;

/// <summary>
/// One person, a profile, operator parameters and claims (scenario-format.md §3), with everything the engine needs
/// precompiled: benefit terms per category slot and benefit windows per covered identity. Build it once, settle it often.
/// </summary>
public sealed class Scenario
{
    public Scenario(PolicyProfile profile, ScenarioParameters parameters, Person person, IReadOnlyList<Claim> claims)
    {
        Profile = profile;
        Parameters = parameters;
        Person = person;
        Claims = [.. claims];
        Terms = SettlementTerms.For(profile, parameters);
        Windows = BenefitWindow.Build(profile, person);
    }

    public PolicyProfile Profile { get; }
    public ScenarioParameters Parameters { get; }
    public Person Person { get; }
    public Claim[] Claims { get; }

    internal SettlementTerms Terms { get; }

    /// <summary>Benefit windows of the person's covered identities, in glossary rank order.</summary>
    internal BenefitWindow[] Windows { get; }

    /// <summary>Whether the person holds any identity the profile covers, whatever its dates.</summary>
    internal bool HoldsCoveredIdentity => Windows.Length > 0;
}
