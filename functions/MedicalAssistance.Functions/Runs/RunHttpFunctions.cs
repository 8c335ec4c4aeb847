using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Runs;

/// <summary><c>GET /api/runs/{name}/{period}</c> (readable while it runs) and <c>GET …/outputs/{file}</c> (staff).</summary>
[FunctionKey(FunctionScopes.Staff)]
public sealed class RunHttpFunctions(RunStore store, RunOutputs outputs)
{
    [Function("GetRun")]
    [ProducesResponseType<RunView>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "runs/{name}/{period}")] HttpRequest request,
        string name, string period, CancellationToken cancellationToken) =>
        RunRequests.GetRunAsync(name, period, store, cancellationToken).ToActionResult();

    [Function("GetRunOutput")]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [ProblemResponses(StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetRunOutput(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "runs/{name}/{period}/outputs/{file}")] HttpRequest request,
        string name, string period, string file, CancellationToken cancellationToken) =>
        RunRequests.GetOutputAsync(name, period, file, store, outputs, cancellationToken).ToActionResult();
}
