using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Policy.Scenarios;

// The typed, validated scenario of scenario-format.md §3. Built by ScenarioReader from JSON (or by tests directly).

public enum InsuranceStatus : byte { Resident, Employee, None }

public enum ClaimKind : byte { Outpatient, Inpatient, ChronicOutpatient }

public enum SettlementChannel : byte { OneStop, Manual }

/// <summary>Jieyang exclusion list 八(一) (JY-4). Other profiles ignore it.</summary>
public enum Exclusion : byte { None, NoFormalReceipt, IllegalAct, SelfHarm, ThirdPartyLiable, GovernmentExcluded }

public sealed record Person(
    string Id,
    DateOnly BirthDate,
    InsuranceStatus Insurance,
    bool MentalDisorder,
    IReadOnlyList<Identity> Identities);

/// <param name="DeterminedOn">认定之日; when absent the scenario format says it equals <paramref name="Start"/>.</param>
/// <param name="End">Last day held, inclusive; null = open-ended.</param>
public sealed record Identity(IdentityType Type, DateOnly DeterminedOn, DateOnly Start, DateOnly? End);

public sealed record Facility(int? Level = null, bool InProvince = true, bool InCity = true, bool Designated = true)
{
    public static readonly Facility Default = new();
}

public sealed record Claim(
    string Id,
    ClaimKind Kind,
    DateOnly Admission,
    DateOnly? Discharge,
    decimal PolicyScopeSelfPay,
    decimal OutOfPolicySelfPay = 0m,
    decimal? NotionalInsurancePayment = null,
    SettlementChannel Settlement = SettlementChannel.OneStop,
    bool Referral = true,
    bool Emergency = false,
    bool FollowUp = false,
    Facility? Facility = null,
    string? Diagnosis = null,
    Exclusion Exclusion = Exclusion.None,
    InsuranceStatus? Insurance = null,
    bool? MentalDisorder = null)
{
    public Facility Place => Facility ?? Facility.Default;

    /// <summary>
    /// The insurance that paid this claim: a one-stop settlement record knows it (<see cref="Insurance"/>); a scenario claim
    /// carries none and takes the person's (scenario-format.md §3.2).
    /// </summary>
    public InsuranceStatus InsuranceOf(Person person) => Insurance ?? person.Insurance;

    /// <summary>Jieyang's self-harm exception: the claim's own flag when it carries one, otherwise the person's.</summary>
    public bool MentalDisorderOf(Person person) => MentalDisorder ?? person.MentalDisorder;

    /// <summary>Service date S (§4.2, G-2): discharge for a stay, the visit date otherwise.</summary>
    public DateOnly ServiceDate => Kind == ClaimKind.Inpatient ? Discharge ?? Admission : Admission;
}

/// <summary>An operator's benefit values for one identity type (scenario-format.md §3.1).</summary>
/// <param name="AnnualCap">One cap shared by all kinds; otherwise both split caps are set.</param>
public sealed record BenefitRule(
    decimal Deductible,
    decimal Ratio,
    decimal? AnnualCap,
    decimal? OutpatientAnnualCap,
    decimal? InpatientAnnualCap,
    TiltedRule? Tilted);

public sealed record TiltedRule(decimal Deductible, decimal Ratio, decimal AnnualCap);

/// <summary>
/// Operator parameters that a profile uses; keys a profile does not use are not kept. Treat as immutable once a
/// scenario uses it: the compiled terms are cached per instance, so one set serves every person of a settlement run.
/// </summary>
public sealed record ScenarioParameters(
    IReadOnlyDictionary<string, decimal> Amounts,
    IReadOnlyDictionary<string, BenefitRule> Benefits)
{
    public static readonly ScenarioParameters Empty = new(new Dictionary<string, decimal>(), new Dictionary<string, BenefitRule>());

    public decimal Amount(string name) => Amounts.TryGetValue(name, out var value)
        ? value
        : throw new InvalidOperationException($"Operator parameter '{name}' is missing (validation should have rejected the scenario).");
}
