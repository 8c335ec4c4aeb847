using MedicalAssistance.Functions.Enrolment;
using MedicalAssistance.Functions.Persons;

namespace MedicalAssistance.Functions.Runs.EnrolmentList;

/// <summary>
/// What the insurer is told of one exemption-ledger entry (免缴台账, <see cref="ExemptionEntry"/>): the identity, the subsidy
/// level and status, and the subsidy amount (null while it waits for an operator parameter).
/// </summary>
public sealed record ListedEnrolment(string IdentityType, string Level, string Status, decimal? Amount)
{
    /// <summary>
    /// The entry as listed, or null when it exempts nobody: only a subsidised enrolment, or one registered and waiting for its
    /// amount, is on the insurer's list (Meizhou Art. 7: registered first, paid after — 先登记参保、后补助缴费).
    /// </summary>
    public static ListedEnrolment? Of(ExemptionEntry entry) => entry.Status is EnrolmentStatus.Subsidised or EnrolmentStatus.AwaitingParameter
        ? new ListedEnrolment(entry.IdentityType, entry.Level.ToString(), entry.Status.ToString(), entry.Amount)
        : null;
}
