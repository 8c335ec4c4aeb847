using MedicalAssistance.Contracts.Health;
using MedicalAssistance.Hosting.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Health;

/// <summary><c>GET /api/health</c> (anonymous): storage reachable → 200, else 503 naming the part that failed.</summary>
public sealed class HealthFunctions(HealthProbe probe)
{
    [Function("Health")]
    [ProducesResponseType<HealthReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<HealthReport>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        var report = await probe.RunAsync(cancellationToken);
        return Results.Json(report, statusCode: report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable).ToActionResult();
    }
}
