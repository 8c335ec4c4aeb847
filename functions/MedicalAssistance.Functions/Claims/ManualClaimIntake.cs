using System.Text.Json;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Reimbursements;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// An approved manual reimbursement enters the claims pipeline through the same intake as <c>POST /api/claims</c>: a claim
/// <c>manual-{applicationId}</c> with <c>settlement: "manual"</c>, the amounts and insurance staff checked, the person's ID
/// number and name from their record (decrypted here, never logged), facility <see cref="ManualClaim.FacilityCode"/>. Submitting
/// it again (a redelivered hand-over) is the same claim: the intake answers with its stored status.
/// </summary>
public sealed class ManualClaimIntake(ClaimIntake intake, PersonStore persons, IdProtector protector) : IManualClaimSubmission
{
    private static readonly ClaimSubmitter Reimbursements = new("reimbursements", Staff: true, new HashSet<string>());

    public async Task SubmitAsync(ManualClaim claim, CancellationToken cancellationToken)
    {
        var person = await persons.LoadAsync(claim.PersonKey, cancellationToken)
            ?? throw new InvalidOperationException($"Reimbursement {claim.ApplicationId}: its applicant has no person record.");
        var element = JsonSerializer.SerializeToElement(new
        {
            id = claim.ClaimId,
            profile = claim.Profile,
            idNumber = protector.Unprotect(person.State.EncryptedIdNumber),
            name = protector.Unprotect(person.State.EncryptedName),
            insurance = claim.Insurance,
            kind = claim.Kind,
            admission = claim.Admission.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            discharge = claim.Discharge?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            policyScopeSelfPay = claim.PolicyScopeSelfPay,
            outOfPolicySelfPay = claim.OutOfPolicySelfPay,
            settlement = ManualClaim.Settlement,
            facility = new { code = ManualClaim.FacilityCode, name = claim.FacilityName, inProvince = claim.InProvince, designated = claim.Designated },
        }, JsonSerializerOptions.Web);

        var result = await intake.SubmitAsync([element], Reimbursements, cancellationToken);
        if (result.Problem is { } problem)
        {
            // The application was validated when submitted and approved; a refusal here is a defect to see, not to retry for ever.
            throw new InvalidOperationException($"Reimbursement {claim.ApplicationId}: the claims intake refused its claim: {problem.Code} at {problem.Field}.");
        }
    }
}
