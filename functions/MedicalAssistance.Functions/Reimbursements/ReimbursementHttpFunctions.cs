using MedicalAssistance.Contracts.Beneficiaries;
using MedicalAssistance.Contracts.Reimbursements;
using MedicalAssistance.Functions.Beneficiaries;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>
/// Manual reimbursement. Beneficiary (portal key + token): <c>POST /api/reimbursements</c> (multipart: field <c>visit</c> = JSON,
/// files in <c>invoice</c> / <c>dischargeSummary</c> / <c>expenseList</c>, header <c>Idempotency-Key</c>),
/// <c>GET /api/beneficiaries/me/reimbursements</c>. Staff: <c>GET /api/reimbursements?status=…</c>, <c>GET …/{id}</c>,
/// <c>GET …/{id}/materials/{index}</c> (streamed), <c>POST …/{id}/decision</c>. Logic: <see cref="ReimbursementService"/>.
/// </summary>
public sealed class ReimbursementHttpFunctions(ReimbursementService service)
{
    [Function("SubmitReimbursement")]
    [FunctionKey(FunctionScopes.Portal)]
    [Beneficiary]
    [RequestBody(typeof(object), "multipart/form-data")]
    [ProducesResponseType<ReimbursementReceipt>(StatusCodes.Status201Created)]
    [ProducesResponseType<ReimbursementReceipt>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge)]
    public Task<IActionResult> SubmitReimbursement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reimbursements")] HttpRequest request, CancellationToken cancellationToken) =>
        ReimbursementRequests.SubmitAsync(request.HttpContext, service, cancellationToken).ToActionResult();

    [Function("MyReimbursements")]
    [FunctionKey(FunctionScopes.Portal)]
    [Beneficiary]
    [ProducesResponseType<IReadOnlyList<BeneficiaryApplication>>(StatusCodes.Status200OK)]
    public Task<IActionResult> MyReimbursements(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "beneficiaries/me/reimbursements")] HttpRequest request, CancellationToken cancellationToken) =>
        ReimbursementRequests.MineAsync(request.HttpContext, service, cancellationToken).ToActionResult();

    [Function("ListReimbursements")]
    [FunctionKey(FunctionScopes.Staff)]
    [ProducesResponseType<ReimbursementPage>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status400BadRequest)]
    public Task<IActionResult> ListReimbursements(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reimbursements")] HttpRequest request, CancellationToken cancellationToken) =>
        ReimbursementRequests.ListAsync(request, service, cancellationToken).ToActionResult();

    [Function("GetReimbursement")]
    [FunctionKey(FunctionScopes.Staff)]
    [ProducesResponseType<ReimbursementDetail>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetReimbursement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reimbursements/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ReimbursementRequests.GetAsync(id, request.HttpContext, service, cancellationToken).ToActionResult();

    [Function("GetReimbursementMaterial")]
    [FunctionKey(FunctionScopes.Staff)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetReimbursementMaterial(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reimbursements/{id}/materials/{index:int}")] HttpRequest request,
        string id, int index, CancellationToken cancellationToken) =>
        ReimbursementRequests.MaterialAsync(id, index, service, cancellationToken).ToActionResult();

    [Function("DecideReimbursement")]
    [FunctionKey(FunctionScopes.Staff)]
    [RequestBody(typeof(ReimbursementDecision), "application/json")]
    [ProducesResponseType<ReimbursementDetail>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict)]
    public Task<IActionResult> DecideReimbursement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reimbursements/{id}/decision")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ReimbursementRequests.DecideAsync(id, request.HttpContext, service, cancellationToken).ToActionResult();
}
