namespace MedicalAssistance.Contracts.Beneficiaries;

/// <summary>
/// The subsidised enrolment (资助参保) of one year: the level and status codes, their Chinese text, the subsidy amount when
/// known and the ledger's Chinese note that explains it.
/// </summary>
public sealed record BeneficiaryEnrolment(
    int Year,
    string Profile,
    string IdentityTypeName,
    string Level,
    string LevelName,
    string Status,
    string StatusName,
    decimal? SubsidyAmount,
    string Note);
