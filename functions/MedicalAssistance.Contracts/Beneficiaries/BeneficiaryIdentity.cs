namespace MedicalAssistance.Contracts.Beneficiaries;

/// <summary>One identity period (救助身份): glossary code and Chinese name, inclusive dates (<c>End</c> null while open), department.</summary>
public sealed record BeneficiaryIdentity(
    string Type,
    string TypeName,
    DateOnly DeterminedOn,
    DateOnly Start,
    DateOnly? End,
    string Department,
    string DepartmentName);
