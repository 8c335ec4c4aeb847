namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>
/// One claim paid by a settlement run: a first payment (<see cref="SettlementLineKind.Regular"/> or <see cref="SettlementLineKind.Late"/>,
/// a line of claims.csv) or a change since an earlier run paid it (<see cref="SettlementLineKind.Adjustment"/>, adjustments.csv).
/// <see cref="Delta"/> is what this run (for period <see cref="PaidIn"/>) pays: positive a payment or top-up, negative a recovery.
/// </summary>
public sealed record SettlementLine(
    string Profile,
    string ClaimId,
    string MaskedIdNumber,
    string FacilityCode,
    string FacilityName,
    string Channel,
    bool Inpatient,
    DateOnly SettledOn,
    int AccountingYear,
    string Kind,
    PaidAmounts Before,
    PaidAmounts After,
    string PaidIn)
{
    public PaidAmounts Delta => After.Minus(Before);
}
