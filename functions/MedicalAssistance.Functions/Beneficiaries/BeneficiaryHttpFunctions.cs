using MedicalAssistance.Contracts.Beneficiaries;
using MedicalAssistance.Functions.Beneficiaries.Records;
using MedicalAssistance.Functions.Beneficiaries.SignIn;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Beneficiaries;

/// <summary>
/// <c>POST /api/beneficiaries/login</c>, <c>POST …/verify</c> (portal key; limited per address) and <c>GET …/me/records</c>
/// (portal key + beneficiary token). The logic is in <see cref="BeneficiarySignIn"/> and <see cref="BeneficiaryRecordsReader"/>.
/// </summary>
[FunctionKey(FunctionScopes.Portal)]
public sealed class BeneficiaryHttpFunctions(BeneficiarySignIn signIn, SignInAddressLimiter limiter, BeneficiaryRecordsReader records, IOptions<BeneficiaryOptions> options)
{
    [Function("BeneficiaryLogin")]
    [RequestBody(typeof(BeneficiaryLoginRequest), "application/json")]
    [ProducesResponseType<BeneficiaryLoginAccepted>(StatusCodes.Status202Accepted)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests)]
    public Task<IActionResult> BeneficiaryLogin(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "beneficiaries/login")] HttpRequest request, CancellationToken cancellationToken) =>
        BeneficiaryRequests.LoginAsync(request.HttpContext, signIn, limiter, options, cancellationToken).ToActionResult();

    [Function("BeneficiaryVerify")]
    [RequestBody(typeof(BeneficiaryVerifyRequest), "application/json")]
    [ProducesResponseType<BeneficiaryToken>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests)]
    public Task<IActionResult> BeneficiaryVerify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "beneficiaries/verify")] HttpRequest request, CancellationToken cancellationToken) =>
        BeneficiaryRequests.VerifyAsync(request.HttpContext, signIn, limiter, cancellationToken).ToActionResult();

    [Function("BeneficiaryRecords")]
    [Beneficiary]
    [ProducesResponseType<BeneficiaryRecords>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status404NotFound)]
    public Task<IActionResult> BeneficiaryRecords(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "beneficiaries/me/records")] HttpRequest request, CancellationToken cancellationToken) =>
        BeneficiaryRequests.RecordsAsync(request.HttpContext, records, cancellationToken).ToActionResult();
}
