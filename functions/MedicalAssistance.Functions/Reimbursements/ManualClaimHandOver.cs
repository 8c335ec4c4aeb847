using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>
/// Queue <c>reimbursements</c>: submits an approved application as a manual claim through <see cref="IManualClaimSubmission"/>.
/// Without a registered implementation (the claims pipeline not deployed yet) it completes with a warning: the application
/// stays approved, and staff re-posting the decision sends the hand-over again.
/// </summary>
public sealed partial class ManualClaimHandOver(ReimbursementStore store, IEnumerable<IManualClaimSubmission> submissions, ILogger<ManualClaimHandOver> logger)
{
    public async Task RunAsync(ReimbursementApproved message, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(message.ApplicationId, cancellationToken) is not { } current || current.Application.Status != ReimbursementStatus.Approved)
        {
            return;
        }

        var submission = submissions.FirstOrDefault();
        if (submission is null)
        {
            LogNoClaimsPipeline(message.ApplicationId);
            return;
        }

        var a = current.Application;
        await submission.SubmitAsync(new ManualClaim(a.ClaimId!, a.ApplicationId, a.PersonKey, a.Visit.Profile!, a.Visit.Kind!, a.Visit.Admission!.Value,
            a.Visit.Discharge, a.Visit.FacilityName!, a.Visit.Designated, a.Visit.InProvince, a.CheckedPolicyScopeSelfPay!.Value, a.CheckedOutOfPolicySelfPay ?? 0m, a.CheckedInsurance ?? "resident"), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reimbursement {ApplicationId} approved, but no claims pipeline (IManualClaimSubmission) is registered: it stays approved")]
    private partial void LogNoClaimsPipeline(string applicationId);
}
