using MedicalAssistance.Contracts.Health;

namespace MedicalAssistance.Functions.Health;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder api)
    {
        api.MapGet("/health", async (HealthProbe function, CancellationToken cancellationToken) =>
        {
            var report = await function.RunAsync(cancellationToken);
            return Results.Json(report, statusCode: report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        })
        .WithName("Health")
        .AllowAnonymous()
        .Produces<HealthReport>(StatusCodes.Status200OK)
        .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        return api;
    }
}
