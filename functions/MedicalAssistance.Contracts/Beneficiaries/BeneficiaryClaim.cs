namespace MedicalAssistance.Contracts.Beneficiaries;

/// <summary>
/// One settled claim as the engine explained it: amounts in yuan (0.01, AwayFromZero), <see cref="ExplanationZh"/> says
/// why this amount and how much of the year's cap is left.
/// </summary>
/// <param name="Settlement"><c>one-stop</c> (一站式结算) or <c>manual</c> (手工报销).</param>
public sealed record BeneficiaryClaim(
    string ClaimId,
    DateOnly Date,
    string Facility,
    string Kind,
    string Settlement,
    decimal SelfPay,
    decimal Assistance,
    decimal Tilted,
    decimal Secondary,
    decimal? CapRemaining,
    string ExplanationZh);
