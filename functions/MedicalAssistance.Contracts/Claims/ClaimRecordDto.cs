namespace MedicalAssistance.Contracts.Claims;

/// <summary>
/// One one-stop settlement record (一站式结算) as a facility submits it to <c>POST /api/claims</c>: the scenario claim fields of
/// docs/scenario-format.md §3.3 plus who the patient is (<see cref="Profile"/>, <see cref="IdNumber"/>, <see cref="Name"/>) and
/// which insurance paid. Values are validated with the scenario's rules and codes; a CSV upload uses the same names as columns
/// (facility fields as <c>facility.code</c>, <c>facility.level</c>, …).
/// </summary>
public sealed record ClaimRecordDto
{
    public string? Id { get; init; }
    public string? Profile { get; init; }
    /// <summary>身份证号; stored encrypted, shown masked only.</summary>
    public string? IdNumber { get; init; }
    public string? Name { get; init; }
    /// <summary><c>resident</c>, <c>employee</c> or <c>none</c>.</summary>
    public string? Insurance { get; init; }
    public bool? MentalDisorder { get; init; }
    /// <summary><c>inpatient</c>, <c>outpatient</c> or <c>chronic-outpatient</c>.</summary>
    public string? Kind { get; init; }
    public string? Admission { get; init; }
    public string? Discharge { get; init; }
    /// <summary>The counter settlement date (yyyy-MM-dd); default the service date.</summary>
    public string? SettledOn { get; init; }
    public decimal? PolicyScopeSelfPay { get; init; }
    public decimal? OutOfPolicySelfPay { get; init; }
    public decimal? NotionalInsurancePayment { get; init; }
    public string? Settlement { get; init; }
    public bool? Referral { get; init; }
    public bool? Emergency { get; init; }
    public bool? FollowUp { get; init; }
    public ClaimFacilityDto? Facility { get; init; }
    public string? Diagnosis { get; init; }
    public string? Exclusion { get; init; }
}

/// <summary>The facility of a claim: its code (a facility key submits only its own) and name, plus the scenario's flags.</summary>
public sealed record ClaimFacilityDto
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public int? Level { get; init; }
    public bool? InProvince { get; init; }
    public bool? InCity { get; init; }
    public bool? Designated { get; init; }
}
