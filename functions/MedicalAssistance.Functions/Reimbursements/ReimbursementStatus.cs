namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>
/// The statuses of a manual reimbursement: submitted → under-review → approved | rejected; approved → settled (the claims
/// pipeline settled its manual claim) → paid (the monthly run). Every change is audited in the application's history.
/// </summary>
public static class ReimbursementStatus
{
    public const string Submitted = "submitted";
    public const string UnderReview = "under-review";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Settled = "settled";
    public const string Paid = "paid";

    public static readonly IReadOnlyList<string> All = [Submitted, UnderReview, Approved, Rejected, Settled, Paid];

    public static string NameOf(string status) => status switch
    {
        Submitted => "已提交",
        UnderReview => "审核中",
        Approved => "审核通过，待结算",
        Rejected => "未通过",
        Settled => "已结算",
        Paid => "已支付",
        _ => status,
    };

    /// <summary>Which status may follow which (anything else is a 409).</summary>
    public static bool CanMove(string from, string to) => (from, to) switch
    {
        (Submitted, UnderReview) => true,
        (Submitted or UnderReview, Approved or Rejected) => true,
        (Approved, Settled) => true,
        (Settled, Paid) => true,
        _ => false,
    };
}
