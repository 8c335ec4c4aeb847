namespace MedicalAssistance.Functions.Claims;

/// <summary>Why a claims request is refused: HTTP status, stable code, field, Chinese and English text (ApiProblem's shape).</summary>
public sealed record ClaimProblem(int Status, string Code, string? Field, string MessageZh, string MessageEn);
