using MedicalAssistance.Contracts.Beneficiaries;

namespace MedicalAssistance.Functions.Beneficiaries.Records;

/// <summary>A person's manual reimbursement applications and their status, for 我的记录 (implemented by Reimbursements/).</summary>
public interface IBeneficiaryApplications
{
    Task<IReadOnlyList<BeneficiaryApplication>> ListAsync(string personKey, CancellationToken cancellationToken);
}
