using MedicalAssistance.Functions.OperatorData;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;

namespace MedicalAssistance.Functions.Runs.Monitoring;

/// <summary>
/// <c>GET</c> / <c>PUT /api/monitoring-thresholds/{profile}/{year}</c> and <c>GET …/versions</c>, staff keys only: the thresholds
/// monthly-monitoring flags persons by (operator data, validated, versioned). Thin over <see cref="MonitoringThresholdStore"/>.
/// </summary>
internal static class MonitoringThresholdRequests
{
    internal static async Task<IResult> GetAsync(string profile, int year, MonitoringThresholdStore store, CancellationToken cancellationToken) =>
        ProfileYearRoute.Problem(profile, year) ?? (await store.GetAsync(profile, year, cancellationToken) is { } current
            ? Results.Ok(current)
            : ApiProblem.Result(StatusCodes.Status404NotFound, "MONITORING_THRESHOLD_NOT_SET", $"{profile} {year}年度的高额费用预警标准尚未设置",
                $"No monitoring threshold is set for {profile} {year}."));

    internal static async Task<IResult> GetVersionsAsync(string profile, int year, MonitoringThresholdStore store, CancellationToken cancellationToken) =>
        ProfileYearRoute.Problem(profile, year) ?? Results.Ok(await store.VersionsAsync(profile, year, cancellationToken));

    internal static async Task<IResult> PutAsync(string profile, int year, HttpContext context, MonitoringThresholdStore store, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (ProfileYearRoute.Problem(profile, year) is { } problem)
        {
            return problem;
        }

        var (threshold, malformed) = await JsonBody.ReadAsync<MonitoringThreshold>(context.Request, cancellationToken);
        if (malformed is not null)
        {
            return malformed;
        }

        if (threshold is null)
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, "THRESHOLD_EMPTY", "请求内容为空", "The request has no body.", "body");
        }

        var validation = await new MonitoringThresholdValidator(profile).ValidateAsync(threshold, cancellationToken);
        if (!validation.IsValid)
        {
            var first = validation.Errors[0];
            return ApiProblem.Result(StatusCodes.Status400BadRequest, first.ErrorCode, first.ErrorMessage, $"Invalid monitoring threshold '{first.PropertyName}'.", first.PropertyName);
        }

        return Results.Ok(await store.PutAsync(profile, year, threshold, context.GetFunctionCaller()?.Name ?? "", time.GetUtcNow(), cancellationToken));
    }
}
