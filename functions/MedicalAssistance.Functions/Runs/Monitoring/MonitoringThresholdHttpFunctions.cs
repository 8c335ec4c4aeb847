using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Runs.Monitoring;

/// <summary><c>GET</c> / <c>PUT /api/monitoring-thresholds/{profile}/{year}</c> and <c>GET …/versions</c> (staff): see <see cref="MonitoringThresholdRequests"/>.</summary>
[FunctionKey(FunctionScopes.Staff)]
public sealed class MonitoringThresholdHttpFunctions(MonitoringThresholdStore store, TimeProvider time)
{
    [Function("GetMonitoringThreshold")]
    [ProducesResponseType<MonitoringThresholdVersion>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetMonitoringThreshold(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "monitoring-thresholds/{profile}/{year:int}")] HttpRequest request,
        string profile, int year, CancellationToken cancellationToken) =>
        MonitoringThresholdRequests.GetAsync(profile, year, store, cancellationToken).ToActionResult();

    [Function("PutMonitoringThreshold")]
    [RequestBody(typeof(MonitoringThreshold), "application/json")]
    [ProducesResponseType<MonitoringThresholdVersion>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status415UnsupportedMediaType)]
    public Task<IActionResult> PutMonitoringThreshold(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "monitoring-thresholds/{profile}/{year:int}")] HttpRequest request,
        string profile, int year, CancellationToken cancellationToken) =>
        MonitoringThresholdRequests.PutAsync(profile, year, request.HttpContext, store, time, cancellationToken).ToActionResult();

    [Function("GetMonitoringThresholdVersions")]
    [ProducesResponseType<IReadOnlyList<MonitoringThresholdVersion>>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetMonitoringThresholdVersions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "monitoring-thresholds/{profile}/{year:int}/versions")] HttpRequest request,
        string profile, int year, CancellationToken cancellationToken) =>
        MonitoringThresholdRequests.GetVersionsAsync(profile, year, store, cancellationToken).ToActionResult();
}
