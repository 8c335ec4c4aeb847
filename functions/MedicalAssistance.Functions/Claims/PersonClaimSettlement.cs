using System.Text.Json;
using MedicalAssistance.Contracts.Claims;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Policy.Profiles;
using MedicalAssistance.Policy.Scenarios;
using MedicalAssistance.Policy.Settlement;
using MedicalAssistance.Policy.Simulation;
using MedicalAssistance.Policy.Validation;
using MedicalAssistance.Functions.Persons;

namespace MedicalAssistance.Functions.Claims;

/// <summary>Everything one person's claims in one profile are settled from.</summary>
/// <param name="ParametersByYear">The current settlement parameters (the scenario's <c>parameters</c> JSON) per service year; absent = none set.</param>
public sealed record PersonClaimInputs(
    PolicyProfile Profile,
    DateOnly BirthDate,
    IReadOnlyList<IdentityPeriod> Identities,
    IReadOnlyList<LedgerClaim> Claims,
    IReadOnlyDictionary<int, string> ParametersByYear);

/// <summary>
/// Settles all of a person's claims in a profile through the SAME engine as <c>simulate</c> (SettlementEngine, ClaimExplanation):
/// the person from the rosters' identity periods and the ID number's birth date, each claim with its own insurance, each
/// service year with that year's parameters. A claim outside the profile's dates in force, or in a year whose parameters lack
/// what the person needs, is held (docs/scenario-format.md §6 codes and fields), never guessed. Claims are ordered by service
/// date and, on the same date, by id, so the result does not depend on the order claims arrived in. Pure.
/// </summary>
public static class PersonClaimSettlement
{
    public static Dictionary<string, LedgerResult> Settle(PersonClaimInputs inputs)
    {
        var (results, scenario) = Prepare(inputs);
        if (scenario is null)
        {
            return results;
        }

        var profile = inputs.Profile;
        var settled = SettlementEngine.Settle(scenario);
        var running = new Dictionary<int, ClaimLedgerView>();
        // The engine's order (service date, then input order, which is already by id): each claim's ledger is after itself.
        for (var i = 0; i < scenario.Claims.Length; i++)
        {
            var claim = scenario.Claims[i];
            var o = settled.Claims[i];
            var before = running.GetValueOrDefault(o.AccountingYear) ?? new ClaimLedgerView(o.AccountingYear, 0m, 0m, 0m, 0m, 0m, 0m, 0m);
            var after = before with
            {
                DeductibleUsed = before.DeductibleUsed + o.DeductibleApplied,
                Paid = before.Paid + o.Assistance,
                TiltedDeductibleUsed = before.TiltedDeductibleUsed + o.TiltedDeductibleApplied,
                TiltedPaid = before.TiltedPaid + o.Tilted,
                SecondaryBase = Math.Max(before.SecondaryBase, o.SecondaryBase),
                SecondaryPaid = before.SecondaryPaid + o.Secondary,
                Total = before.Total + o.Total,
            };
            running[o.AccountingYear] = after;
            var (zh, en) = ClaimExplanation.Render(scenario, claim, o);
            results[claim.Id] = new LedgerResult(ClaimStatus.Settled, o.Slot == 0 ? null : profile.CategoryName(o.Slot), o.AccountingYear,
                o.DeductibleApplied, o.Assistance, o.Tilted, o.Secondary, o.Total, o.Reason.Code(), zh, en, null, null, after);
        }

        return results;
    }

    /// <summary>
    /// The engine's year summaries (docs/scenario-format.md §4.12) of the person's claims: per accounting year the personal burden
    /// (G-8) and the early-warning alerts raised (Inner Mongolia Art. 8), from the same settlement as <see cref="Settle"/>.
    /// </summary>
    public static IReadOnlyList<PersonYear> Years(PersonClaimInputs inputs)
    {
        if (Prepare(inputs).Scenario is not { } scenario)
        {
            return [];
        }

        var settled = SettlementEngine.Settle(scenario);
        return [.. settled.Years.Select(y => new PersonYear(y.Year, y.PersonalBurden, settled.AlertsOf(y)))];
    }

    /// <summary>The scenario of the settleable claims (null when none is), and the results of those that are not (held, reversed).</summary>
    private static (Dictionary<string, LedgerResult> Results, Scenario? Scenario) Prepare(PersonClaimInputs inputs)
    {
        var profile = inputs.Profile;
        var results = new Dictionary<string, LedgerResult>(StringComparer.Ordinal);
        var live = new List<Claim>();
        foreach (var stored in inputs.Claims)
        {
            if (stored.Reversed)
            {
                results[stored.Id] = Reversed(stored);
                continue;
            }

            var claim = ClaimInput.Read(stored.Input);
            if (!InForce(profile, claim.ServiceDate))
            {
                results[stored.Id] = Held(claim, ClaimStatus.ProfileNotInForce, "profile");
                continue;
            }

            live.Add(claim);
        }

        live.Sort((a, b) => a.ServiceDate != b.ServiceDate ? a.ServiceDate.CompareTo(b.ServiceDate) : string.CompareOrdinal(a.Id, b.Id));
        var person = PersonOf(profile, inputs.BirthDate, inputs.Identities);
        var parameters = new Dictionary<int, ScenarioParameters>();
        var settleable = new List<Claim>();
        foreach (var year in live.GroupBy(c => c.ServiceDate.Year))
        {
            var json = inputs.ParametersByYear.GetValueOrDefault(year.Key) ?? "{}";
            using var document = JsonDocument.Parse(json);
            var claims = year.ToList();
            if (ScenarioParts.ParametersError(profile, document.RootElement, person, claims) is { } error)
            {
                foreach (var claim in claims)
                {
                    results[claim.Id] = Held(claim, ClaimStatus.MissingParameter, error.Field);
                }

                continue;
            }

            parameters[year.Key] = ScenarioParts.ReadParameters(profile, document.RootElement, person);
            settleable.AddRange(claims);
        }

        return (results, settleable.Count == 0 ? null : new Scenario(profile, parameters, person, settleable));
    }

    /// <summary>The profile's dates in force (policy-rules.md §1 table): Tumxuk from 2025-07-01, Meizhou 2025–2027, ….</summary>
    public static bool InForce(PolicyProfile profile, DateOnly serviceDate) =>
        (profile.Source.InForceFrom is not { } from || serviceDate >= from) && (profile.Source.InForceTo is not { } to || serviceDate <= to);

    /// <summary>
    /// The engine's person: birth date from the ID number; identities as the rosters hold them (types the glossary does not
    /// know are left out); insurance and the mental-disorder flag travel with each claim instead.
    /// </summary>
    public static Person PersonOf(PolicyProfile profile, DateOnly birthDate, IReadOnlyList<IdentityPeriod> identities) =>
        new("person", birthDate, InsuranceStatus.Resident, false,
            [.. identities
                .OrderBy(p => p.Start).ThenBy(p => p.Type, StringComparer.Ordinal)
                .Select(p => (Type: IdentityTypes.Find(p.Type), Period: p))
                .Where(x => x.Type is not null && x.Type.Profiles.Contains(profile.Id))
                .Select(x => new Identity(x.Type!, x.Period.DeterminedOn, x.Period.Start, x.Period.End))]);

    private static LedgerResult Held(Claim claim, string code, string? field) =>
        new(ClaimStatus.Held, null, claim.ServiceDate.Year, 0m, 0m, 0m, 0m, 0m, null, null, null, code, field, null);

    private static LedgerResult Reversed(LedgerClaim claim) =>
        new(ClaimStatus.Reversed, null, 0, 0m, 0m, 0m, 0m, 0m, null, null, null, null, null, null);
}
