namespace MedicalAssistance.Functions.Enrolment;

/// <summary>How much of the individual contribution the assistance fund pays (Baoshan Art. 8, Tumxuk Art. 12, Jieyang 七).</summary>
public enum SubsidyLevel
{
    /// <summary>Nothing: the person pays (classes without subsidy, employee insurance).</summary>
    None,
    /// <summary>定额: a fixed amount set by the province (Baoshan): operator parameter.</summary>
    Fixed,
    /// <summary>80%定额资助 of the individual contribution (Tumxuk).</summary>
    Percent80,
    /// <summary>A share per identity the document leaves to the operator (Meizhou MZ-5, Inner Mongolia, Jieyang OTHER_SPECIAL).</summary>
    OperatorRatio,
    /// <summary>全额: the whole individual contribution.</summary>
    Full,
}

public enum EnrolmentStatus
{
    /// <summary>Registered with its subsidy amount.</summary>
    Subsidised,
    /// <summary>Registered, but the operator parameter the amount needs is missing: never a silent default.</summary>
    AwaitingParameter,
    /// <summary>Decided: no subsidy (e.g. employee insurance, or a class without subsidy).</summary>
    NotSubsidised,
    /// <summary>The roster did not say how the person is insured, so the enrolment situation cannot be decided.</summary>
    AwaitingInsuranceStatus,
}

/// <summary>
/// The subsidised resident-insurance enrolment (资助参保) of one person for one year, as the ledger decided it.
/// </summary>
/// <param name="Situation">Why this year: <c>UNINSURED</c> (current year), <c>RESIDENT_ALREADY</c> (next year),
/// <c>EMPLOYEE</c> (no subsidy), <c>INSURANCE_UNKNOWN</c>.</param>
/// <param name="Deadline">Registration deadline in working days from the push (Meizhou Art. 6: 2 working days), if the profile sets one.</param>
public sealed record EnrolmentRecord(
    int Year,
    string Profile,
    string IdentityType,
    string Situation,
    SubsidyLevel Level,
    EnrolmentStatus Status,
    decimal? Amount,
    DateOnly ReceivedOn,
    DateOnly RegisteredOn,
    DateOnly? Deadline,
    bool Late,
    string BatchId,
    int Row,
    string Note)
{
    /// <summary>Rank used to keep the better record when a second identity gives another decision for the same year.</summary>
    public int Rank => Status switch
    {
        EnrolmentStatus.NotSubsidised or EnrolmentStatus.AwaitingInsuranceStatus => 0,
        _ => Level switch { SubsidyLevel.Full => 3, SubsidyLevel.None => 0, _ => 2 },
    };
}
