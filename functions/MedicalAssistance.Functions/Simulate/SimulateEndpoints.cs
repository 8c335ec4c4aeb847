using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using MedicalAssistance.Policy.Simulation;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Simulate;

/// <summary>
/// <c>POST /api/settlements/simulate</c>: the same bodies and bytes as the <c>simulate</c> command (200 / 400 / 413 within
/// <see cref="SimulateLimitsOptions"/>), anonymous,
/// limited per remote IP address with the built-in fixed-window rate limiter (429 + Retry-After). Nothing is stored.
/// </summary>
public static class SimulateEndpoints
{
    public static IServiceCollection AddSimulate(this IServiceCollection services)
    {
        services.AddOptions<SimulateRateLimitOptions>().BindConfiguration(SimulateRateLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<SimulateRateLimiter>();
        services.AddOptions<SimulateLimitsOptions>().BindConfiguration(SimulateLimitsOptions.Section);
        services.AddSingleton<SimulationService>();
        return services;
    }

    public static IEndpointRouteBuilder MapSimulate(this IEndpointRouteBuilder api)
    {
        api.MapPost("/settlements/simulate", async (HttpRequest request, SimulationService simulations, CancellationToken cancellationToken) =>
        {
            var result = await simulations.RunAsync(request.Body, request.ContentLength, cancellationToken);
            return Results.Content(result.Json, "application/json; charset=utf-8", Encoding.UTF8, SimulationService.StatusCodeOf(result));
        })
        .WithName("SimulateSettlement")
        .WithDescription(SimulationLimits.Description)
        .AllowAnonymous()
        .AddEndpointFilter(async (context, next) =>
        {
            var limiter = context.HttpContext.RequestServices.GetRequiredService<SimulateRateLimiter>();
            using var lease = await limiter.AcquireAsync(context.HttpContext);
            if (lease.IsAcquired)
            {
                return await next(context);
            }

            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Results.Problem(
                title: "请求过于频繁，请稍后再试 / Too many requests, try again later",
                statusCode: StatusCodes.Status429TooManyRequests,
                extensions: new Dictionary<string, object?> { ["code"] = "RATE_LIMITED" });
        })
        .Accepts<object>("application/json")
        .Produces(StatusCodes.Status200OK)
        .Produces(StatusCodes.Status400BadRequest)
        .Produces(StatusCodes.Status413PayloadTooLarge)
        .Produces(StatusCodes.Status429TooManyRequests);
        return api;
    }
}
