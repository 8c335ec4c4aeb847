namespace MedicalAssistance.Contracts.Beneficiaries;

/// <summary>One manual reimbursement application (手工报销) of the person and its status (code and Chinese text).</summary>
public sealed record BeneficiaryApplication(
    string ApplicationId,
    DateTimeOffset SubmittedAt,
    string Facility,
    DateOnly Admission,
    string Status,
    string StatusName,
    string? ReasonZh);
