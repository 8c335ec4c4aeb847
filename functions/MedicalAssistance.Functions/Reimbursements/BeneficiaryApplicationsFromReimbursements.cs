using MedicalAssistance.Contracts.Beneficiaries;
using MedicalAssistance.Functions.Beneficiaries.Records;

namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>The person's applications for 我的记录 (<see cref="IBeneficiaryApplications"/>).</summary>
public sealed class BeneficiaryApplicationsFromReimbursements(ReimbursementService service) : IBeneficiaryApplications
{
    public async Task<IReadOnlyList<BeneficiaryApplication>> ListAsync(string personKey, CancellationToken cancellationToken) =>
        Map(await service.ListForPersonAsync(personKey, cancellationToken));

    public static IReadOnlyList<BeneficiaryApplication> Map(IEnumerable<ReimbursementApplication> applications) =>
        applications.OrderByDescending(a => a.SubmittedAt)
            .Select(a => new BeneficiaryApplication(a.ApplicationId, a.SubmittedAt, a.Visit.FacilityName ?? "", a.Visit.Admission ?? default,
                a.Status, ReimbursementStatus.NameOf(a.Status), a.RejectionReason))
            .ToList();
}
