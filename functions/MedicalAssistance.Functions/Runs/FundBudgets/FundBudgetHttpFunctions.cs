using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Runs.FundBudgets;

/// <summary><c>GET</c> / <c>PUT /api/fund-budgets/{profile}/{year}</c> and <c>GET …/versions</c> (staff): see <see cref="FundBudgetRequests"/>.</summary>
[FunctionKey(FunctionScopes.Staff)]
public sealed class FundBudgetHttpFunctions(FundBudgetStore store, TimeProvider time)
{
    [Function("GetFundBudget")]
    [ProducesResponseType<FundBudgetVersion>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetFundBudget(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "fund-budgets/{profile}/{year:int}")] HttpRequest request,
        string profile, int year, CancellationToken cancellationToken) =>
        FundBudgetRequests.GetFundBudgetAsync(profile, year, store, cancellationToken).ToActionResult();

    [Function("PutFundBudget")]
    [RequestBody(typeof(FundBudget), "application/json")]
    [ProducesResponseType<FundBudgetVersion>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status415UnsupportedMediaType)]
    public Task<IActionResult> PutFundBudget(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "fund-budgets/{profile}/{year:int}")] HttpRequest request,
        string profile, int year, CancellationToken cancellationToken) =>
        FundBudgetRequests.PutFundBudgetAsync(profile, year, request.HttpContext, store, time, cancellationToken).ToActionResult();

    [Function("GetFundBudgetVersions")]
    [ProducesResponseType<IReadOnlyList<FundBudgetVersion>>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetFundBudgetVersions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "fund-budgets/{profile}/{year:int}/versions")] HttpRequest request,
        string profile, int year, CancellationToken cancellationToken) =>
        FundBudgetRequests.GetFundBudgetVersionsAsync(profile, year, store, cancellationToken).ToActionResult();
}
