namespace MedicalAssistance.Contracts.Beneficiaries;

/// <summary>
/// <c>GET /api/beneficiaries/me/records</c>: everything the signed-in person may see of their own record (我的记录).
/// <see cref="Claims"/>, <see cref="YearTotals"/> and <see cref="Adjustments"/> come from the claims feature and are empty
/// until it is deployed; <see cref="ClaimsAvailable"/> says whether it answered.
/// </summary>
public sealed record BeneficiaryRecords(
    string MaskedIdNumber,
    bool Deceased,
    IReadOnlyList<BeneficiaryIdentity> Identities,
    IReadOnlyList<BeneficiaryEnrolment> Enrolments,
    bool ClaimsAvailable,
    IReadOnlyList<BeneficiaryClaim> Claims,
    IReadOnlyList<BeneficiaryYearTotal> YearTotals,
    IReadOnlyList<BeneficiaryAdjustment> Adjustments,
    IReadOnlyList<BeneficiaryApplication> Applications);
