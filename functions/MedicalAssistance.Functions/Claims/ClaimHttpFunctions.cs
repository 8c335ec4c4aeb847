using MedicalAssistance.Contracts.Claims;
using MedicalAssistance.Functions.Claims.Parameters;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// <c>POST /api/claims</c>, <c>GET /api/claims/{id}</c>, <c>POST /api/claims/{id}/reversal</c> (staff, or a facility key for its
/// own facility's claims: <see cref="ClaimSubmitter"/>) and <c>GET/PUT /api/settlement-parameters/{profile}/{year}</c>
/// (+ <c>/versions</c>; staff).
/// </summary>
public sealed class ClaimHttpFunctions(ClaimIntake intake, ClaimViews views, SettlementParameterStore parameters, SettlementParameterSetting setting)
{
    [Function("SubmitClaims")]
    [FunctionKey]
    [RequestBody(typeof(ClaimsSubmission), "application/json", "text/csv", "multipart/form-data")]
    [ProducesResponseType<ClaimsAccepted>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ClaimsAccepted>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict)]
    public Task<IActionResult> SubmitClaims(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "claims")] HttpRequest request, CancellationToken cancellationToken) =>
        ClaimRequests.SubmitAsync(request.HttpContext, intake, cancellationToken).ToActionResult();

    [Function("GetClaim")]
    [FunctionKey]
    [ProducesResponseType<ClaimView>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetClaim(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "claims/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ClaimRequests.GetAsync(id, request.HttpContext, views, cancellationToken).ToActionResult();

    [Function("ReverseClaim")]
    [FunctionKey]
    [RequestBody(typeof(ClaimReversalRequest), "application/json")]
    [ProducesResponseType<ClaimView>(StatusCodes.Status202Accepted)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)]
    public Task<IActionResult> ReverseClaim(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "claims/{id}/reversal")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ClaimRequests.ReverseAsync(id, request.HttpContext, views, cancellationToken).ToActionResult();

    [Function("GetSettlementParameters")]
    [FunctionKey(FunctionScopes.Staff)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetSettlementParameters(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "settlement-parameters/{profile}/{year:int}")] HttpRequest request,
        string profile, int year, CancellationToken cancellationToken) =>
        ClaimRequests.GetParametersAsync(profile, year, request.HttpContext, parameters, cancellationToken).ToActionResult();

    [Function("PutSettlementParameters")]
    [FunctionKey(FunctionScopes.Staff)]
    [RequestBody(typeof(object), "application/json")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status400BadRequest)]
    public Task<IActionResult> PutSettlementParameters(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "settlement-parameters/{profile}/{year:int}")] HttpRequest request,
        string profile, int year, CancellationToken cancellationToken) =>
        ClaimRequests.PutParametersAsync(profile, year, request.HttpContext, setting, cancellationToken).ToActionResult();

    [Function("GetSettlementParameterVersions")]
    [FunctionKey(FunctionScopes.Staff)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status400BadRequest)]
    public Task<IActionResult> GetSettlementParameterVersions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "settlement-parameters/{profile}/{year:int}/versions")] HttpRequest request,
        string profile, int year, CancellationToken cancellationToken) =>
        ClaimRequests.GetParameterVersionsAsync(profile, year, parameters, cancellationToken).ToActionResult();
}
