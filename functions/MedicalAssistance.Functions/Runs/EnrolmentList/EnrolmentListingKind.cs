namespace MedicalAssistance.Functions.Runs.EnrolmentList;

/// <summary>Why an exemption-ledger entry is on a month's enrolment list (column 变动类型).</summary>
public static class EnrolmentListingKind
{
    /// <summary>新增: listed for the first time.</summary>
    public const string New = "new";

    /// <summary>变更: listed before; its level, status, identity or amount changed since (e.g. its amount was set after its parameter).</summary>
    public const string Changed = "changed";

    /// <summary>取消: listed before as exempt and no longer exempt.</summary>
    public const string Withdrawn = "withdrawn";
}
