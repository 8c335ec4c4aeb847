namespace MedicalAssistance.Functions.Runs.EnrolmentList;

/// <summary>
/// One listing of an exemption-ledger entry by the enrolment list of <see cref="Period"/>: what had been listed before (null:
/// nothing) and what is listed now (null: the exemption is withdrawn).
/// </summary>
public sealed record EnrolmentListing(string Period, string Kind, ListedEnrolment? Before, ListedEnrolment? After)
{
    /// <summary>The change of the subsidy the fund pays for the entry: positive paid, negative recovered.</summary>
    public decimal SubsidyDelta => (After?.Amount ?? 0m) - (Before?.Amount ?? 0m);
}
