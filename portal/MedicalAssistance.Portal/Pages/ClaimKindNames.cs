namespace MedicalAssistance.Portal.Pages;

/// <summary>The Chinese name of a claim kind (docs/scenario-format.md §3.3), as 申请报销's form offers them.</summary>
public static class ClaimKindNames
{
    public static string Zh(string kind) => kind switch
    {
        "inpatient" => "住院",
        "outpatient" => "普通门诊",
        "chronic-outpatient" => "门诊慢特病",
        _ => kind,
    };
}
