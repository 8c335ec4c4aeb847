using MedicalAssistance.Policy.Profiles;
using MedicalAssistance.Policy.Settlement;

namespace MedicalAssistance.Policy.Scenarios;

/// <summary>
/// One person, a profile, operator parameters and claims (scenario-format.md §3), with everything the engine needs
/// precompiled: benefit terms per category slot and benefit windows per covered identity. Build it once, settle it often.
/// </summary>
public sealed class Scenario
{
    private readonly SettlementTerms? _terms;
    private readonly Dictionary<int, SettlementTerms>? _termsByYear;

    /// <summary>A scenario as <c>simulate</c> reads it: one set of parameters for every year.</summary>
    public Scenario(PolicyProfile profile, ScenarioParameters parameters, Person person, IReadOnlyList<Claim> claims)
    {
        Profile = profile;
        Parameters = parameters;
        Person = person;
        Claims = [.. claims];
        _terms = SettlementTerms.For(profile, parameters);
        Windows = BenefitWindow.Build(profile, person);
    }

    /// <summary>
    /// A person's stored claims with the operator's parameters per accounting year (policy-rules.md MZ-2; Meizhou Art. 12(三)2:
    /// the standard of the discharge's year). Every claim's service year must have parameters.
    /// </summary>
    public Scenario(PolicyProfile profile, IReadOnlyDictionary<int, ScenarioParameters> parametersByYear, Person person, IReadOnlyList<Claim> claims)
    {
        Profile = profile;
        Parameters = ScenarioParameters.Empty;
        Person = person;
        Claims = [.. claims];
        _termsByYear = parametersByYear.ToDictionary(p => p.Key, p => SettlementTerms.For(profile, p.Value));
        Windows = BenefitWindow.Build(profile, person);
        foreach (var claim in Claims)
        {
            if (!_termsByYear.ContainsKey(claim.ServiceDate.Year))
            {
                throw new ArgumentException($"No parameters for {claim.ServiceDate.Year}, the service year of claim '{claim.Id}'.", nameof(parametersByYear));
            }
        }
    }

    public PolicyProfile Profile { get; }

    /// <summary>The scenario's single parameter set (<see cref="ScenarioParameters.Empty"/> when they are given per year).</summary>
    public ScenarioParameters Parameters { get; }
    public Person Person { get; }
    public Claim[] Claims { get; }

    /// <summary>The compiled terms that apply to claims served in <paramref name="year"/>.</summary>
    internal SettlementTerms TermsFor(int year) => _terms ?? _termsByYear![year];

    /// <summary>Early-warning levels of an accounting year; none when no parameters are known for it.</summary>
    internal AlertLevel[] AlertsFor(int year) =>
        _terms?.Alerts ?? (_termsByYear!.TryGetValue(year, out var terms) ? terms.Alerts : []);

    /// <summary>Benefit windows of the person's covered identities, in glossary rank order.</summary>
    internal BenefitWindow[] Windows { get; }

    /// <summary>Whether the person holds any identity the profile covers, whatever its dates.</summary>
    internal bool HoldsCoveredIdentity => Windows.Length > 0;
}
