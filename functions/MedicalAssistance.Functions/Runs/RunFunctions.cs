using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Settings;
using MedicalAssistance.Hosting.Timers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// <c>POST /api/runs/{name}?period=yyyy-MM</c> (staff): queues a run of timer <c>name</c> (for a period: its
/// <see cref="ITimerPeriodRun"/>) and answers 202; the run request queue carries it out under the timer's lease.
/// </summary>
public sealed class RunFunctions(TimerRunner runner, IEnumerable<ITimerPeriodRun> periodRuns, IEnumerable<IRunRequestListener> listeners,
    QueueSender sender, IOptions<RunsOptions> options, HostSettings settings, TimeProvider time)
{
    [Function("StartRun")]
    [FunctionKey(FunctionScopes.Staff)]
    [ProducesResponseType(StatusCodes.Status202Accepted)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)]
    public async Task<IActionResult> StartRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "runs/{name}")] HttpRequest request, string name, CancellationToken cancellationToken)
    {
        if (runner.Find(name) is null)
        {
            return ApiProblem.Result(StatusCodes.Status404NotFound, "RUN_UNKNOWN", $"没有名为 {name} 的定时任务。", $"There is no timer named '{name}'.", "name").ToActionResult();
        }

        var period = request.Query["period"].FirstOrDefault();
        if (period is not null && !TimerFunctions.IsValidPeriod(period))
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, "PERIOD_INVALID", "期间格式应为 yyyy-MM 或 yyyy。", "The period must be written yyyy-MM or yyyy.", "period").ToActionResult();
        }

        var periodRun = periodRuns.FirstOrDefault(r => r.Name == name);
        if (period is not null && periodRun is null)
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, "PERIOD_NOT_SUPPORTED", $"定时任务 {name} 不按期间运行。", $"Timer '{name}' does not run for a period.", "period").ToActionResult();
        }

        if (period is not null && !periodRun!.MayRunAt(period, time.GetUtcNow(), settings.Timers.TimeZone))
        {
            // A month or a looking-back year opens the day after it ends; a yearly run due within its year on its due date.
            var opens = periodRun.OpensOn(period).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return ApiProblem.Result(StatusCodes.Status409Conflict, "PERIOD_NOT_CLOSED", $"{name} 的期间 {period} 自 {opens}（北京时间）起才能运行。",
                $"'{name}' for {period} can be run from {opens} on (Asia/Shanghai).", "period").ToActionResult();
        }

        var run = new RunRequest(Guid.NewGuid().ToString("N"), name, period, request.HttpContext.GetFunctionCaller()?.Name ?? "", time.GetUtcNow());
        foreach (var listener in listeners)
        {
            await listener.QueuedAsync(run, cancellationToken);
        }

        await sender.SendAsync(options.Value.Queue, run, cancellationToken);
        return Results.Accepted(value: new { runId = run.Id, name, period, status = "queued" }).ToActionResult();
    }
}
