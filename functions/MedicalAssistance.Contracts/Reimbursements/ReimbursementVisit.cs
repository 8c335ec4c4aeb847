namespace MedicalAssistance.Contracts.Reimbursements;

/// <summary>
/// The visit a manual reimbursement (手工报销) is for, with the fields of a scenario claim (docs/scenario-format.md §3.3):
/// <see cref="Kind"/> <c>inpatient</c> | <c>outpatient</c> | <c>chronic-outpatient</c>; amounts in yuan.
/// </summary>
public sealed record ReimbursementVisit(
    string? Profile,
    string? Kind,
    DateOnly? Admission,
    DateOnly? Discharge,
    string? FacilityName,
    bool Designated,
    bool InProvince,
    decimal? PolicyScopeSelfPay,
    decimal? OutOfPolicySelfPay);
