using MedicalAssistance.Contracts.Beneficiaries;

namespace MedicalAssistance.Functions.Beneficiaries.Records;

/// <summary>
/// The seam to the claims feature: a person's settled claims, year totals and adjustments for the portal's 我的记录. The claims
/// feature registers its implementation; until then none is registered and <see cref="BeneficiaryRecordsReader"/> answers with
/// empty claim sections and <c>claimsAvailable: false</c>. Never registered as a fake.
/// </summary>
public interface IBeneficiaryClaimRecords
{
    Task<BeneficiaryClaimSections> GetAsync(string personKey, CancellationToken cancellationToken);
}

/// <summary>What the claims feature gives the portal about one person (amounts as the engine explained them).</summary>
public sealed record BeneficiaryClaimSections(
    IReadOnlyList<BeneficiaryClaim> Claims,
    IReadOnlyList<BeneficiaryYearTotal> YearTotals,
    IReadOnlyList<BeneficiaryAdjustment> Adjustments);
