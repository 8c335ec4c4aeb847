using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Policy.Simulation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Simulate;

/// <summary>
/// <c>POST /api/settlements/simulate</c>: the same bodies and bytes as the <c>simulate</c> command (200 / 400 / 413 within
/// <see cref="SimulateLimitsOptions"/>), anonymous,
/// limited per remote IP address with the built-in fixed-window rate limiter (429 + Retry-After). Nothing is stored.
/// </summary>
public sealed class SimulateFunctions(SimulationService simulations, SimulateRateLimiter limiter)
{
    [Function("SimulateSettlement")]
    [EndpointDescription(SimulationLimits.Description)]
    [RequestBody(typeof(object), "application/json")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> SimulateSettlement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "settlements/simulate")] HttpRequest request, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(request.HttpContext);
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            request.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return ApiProblem.Result(StatusCodes.Status429TooManyRequests, "RATE_LIMITED", "请求过于频繁，请稍后再试", "Too many requests, try again later.").ToActionResult();
        }

        var result = await simulations.RunAsync(request.Body, request.ContentLength, cancellationToken);
        return Results.Content(result.Json, "application/json; charset=utf-8", Encoding.UTF8, SimulationService.StatusCodeOf(result)).ToActionResult();
    }
}
