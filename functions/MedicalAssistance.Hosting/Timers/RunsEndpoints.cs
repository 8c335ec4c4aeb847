using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Hosting.Timers;

public static class RunsEndpoints
{
    /// <summary><c>POST /api/runs/{name}?period=yyyy-MM</c> with a staff key: queues the run and answers 202.</summary>
    public static IEndpointRouteBuilder MapRuns(this IEndpointRouteBuilder api)
    {
        api.MapPost("/runs/{name}", async (string name, string? period, HttpContext context, TimerRunner runner, QueueSender sender, IOptions<RunsOptions> options,
            HostSettings settings, TimeProvider time, [FromServices] IEnumerable<IRunRequestListener> listeners, CancellationToken ct) =>
        {
            if (runner.Find(name) is null)
            {
                return ApiProblem.Result(StatusCodes.Status404NotFound, "RUN_UNKNOWN", $"没有名为 {name} 的定时任务。", $"There is no timer named '{name}'.", "name");
            }

            if (period is not null && !TimerFunctions.IsValidPeriod(period))
            {
                return ApiProblem.Result(StatusCodes.Status400BadRequest, "PERIOD_INVALID", "期间格式应为 yyyy-MM 或 yyyy。", "The period must be written yyyy-MM or yyyy.", "period");
            }

            if (period is not null && !TimerFunctions.IsClosedPeriod(period, time.GetUtcNow(), settings.Timers.TimeZone))
            {
                return ApiProblem.Result(StatusCodes.Status409Conflict, "PERIOD_NOT_CLOSED", $"期间 {period} 尚未结束（北京时间），不能运行。",
                    $"The period {period} has not ended yet (Asia/Shanghai); it cannot be run.", "period");
            }

            var request = new RunRequest(Guid.NewGuid().ToString("N"), name, period, context.GetFunctionCaller()?.Name ?? "", time.GetUtcNow());
            foreach (var listener in listeners)
            {
                await listener.QueuedAsync(request, ct);
            }

            await sender.SendAsync(options.Value.Queue, request, ct);
            return Results.Accepted(value: new { runId = request.Id, name, period, status = "queued" });
        })
        .WithName("StartRun")
        .RequireFunctionKey(FunctionScopes.Staff);
        return api;
    }
}
