using MedicalAssistance.Functions.Enrolment;

namespace MedicalAssistance.Functions.Beneficiaries.Records;

/// <summary>Chinese text of the enrolment codes, as a beneficiary reads them.</summary>
public static class EnrolmentNames
{
    public static string Of(SubsidyLevel level) => level switch
    {
        SubsidyLevel.None => "不资助",
        SubsidyLevel.Fixed => "定额资助",
        SubsidyLevel.Percent80 => "按80%定额资助",
        SubsidyLevel.OperatorRatio => "按比例资助",
        SubsidyLevel.Full => "全额资助",
        _ => level.ToString(),
    };

    public static string Of(EnrolmentStatus status) => status switch
    {
        EnrolmentStatus.Subsidised => "已资助参保",
        EnrolmentStatus.AwaitingParameter => "待确定资助金额",
        EnrolmentStatus.NotSubsidised => "不享受资助",
        EnrolmentStatus.AwaitingInsuranceStatus => "待核实参保情况",
        _ => status.ToString(),
    };
}
