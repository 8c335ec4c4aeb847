using MedicalAssistance.Contracts.Rosters;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Rosters.Http;

/// <summary>
/// <c>POST /api/departments/{department}/rosters</c> (multipart file or JSON rows → 202 + batch id) and
/// <c>GET …/rosters/{batchId}</c> (+ <c>/report.csv</c>). A department key reaches only its own department; staff keys any.
/// </summary>
[FunctionKey("department:{department}", FunctionScopes.Staff)]
public sealed class RosterHttpFunctions(DepartmentStore departments, RosterUploadReceiver receiver, RosterBatchReportReader reports,
    StorageAccount storage, IOptions<RosterOptions> options)
{
    [Function("PushRoster")]
    [RequestBody(typeof(RosterPushRequest), "application/json", "multipart/form-data")]
    [ProducesResponseType<RosterBatchAccepted>(StatusCodes.Status202Accepted)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)]
    public Task<IActionResult> PushRoster(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "departments/{department}/rosters")] HttpRequest request,
        string department, CancellationToken cancellationToken) =>
        RosterRequests.PushAsync(department, request.HttpContext, departments, receiver, cancellationToken).ToActionResult();

    [Function("GetRosterBatch")]
    [ProducesResponseType<RosterBatchReport>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetRosterBatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "departments/{department}/rosters/{batchId}")] HttpRequest request,
        string department, string batchId, CancellationToken cancellationToken) =>
        RosterRequests.GetAsync(department, batchId, reports, cancellationToken).ToActionResult();

    [Function("GetRosterBatchReportCsv")]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "text/csv")]
    [ProblemResponses(StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetRosterBatchReportCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "departments/{department}/rosters/{batchId}/report.csv")] HttpRequest request,
        string department, string batchId, CancellationToken cancellationToken) =>
        RosterRequests.DownloadReportAsync(department, batchId, storage, options, cancellationToken).ToActionResult();
}
