using MedicalAssistance.Contracts.Health;
using MedicalAssistance.Hosting.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Health;

/// <summary>
/// Readiness, <c>GET /api/health</c> (anonymous): storage reachable → 200, else 503 naming the part that failed (probed at most
/// every few seconds, <see cref="HealthProbe"/>). Liveness, <c>GET /api/health/live</c>: the process answers, storage or not —
/// what a platform restarts on, so a storage outage does not restart every instance.
/// </summary>
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

    [Function("Liveness")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public static IActionResult Liveness([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/live")] HttpRequest request) =>
        Results.Json(new { status = "alive" }).ToActionResult();
}
