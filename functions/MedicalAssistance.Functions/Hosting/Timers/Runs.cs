namespace MedicalAssistance.Functions.Hosting;

/// <summary>A request to run a timer function now, queued by <c>POST /api/runs/{name}</c> on the runs queue.</summary>
public sealed record RunRequest(string Id, string Name, string? Period, string RequestedBy, DateTimeOffset RequestedAt)
{
    public const string DefaultQueueName = "runs";
    public const string QueueNameKey = "Hosting:Runs:Queue";
}

/// <summary>The queue run requests travel on (<c>Hosting:Runs:Queue</c>, default <c>runs</c>; tests use their own).</summary>
public sealed record RunsQueueName(string Name);

/// <summary>Timer <c>{name}</c> is already running on another instance: the run request is retried later.</summary>
public sealed class TimerBusyException(string name) : Exception($"Timer '{name}' is running elsewhere; the request will be retried.");

/// <summary>Carries out queued run requests under the timer's lease (a busy timer means: retry later).</summary>
public sealed class RunRequestFunction(TimerRunner runner, ILogger<RunRequestFunction> logger) : IQueueFunction<RunRequest>
{
    public async Task RunAsync(RunRequest message, CancellationToken cancellationToken)
    {
        var (outcome, failure) = await runner.RunNowAsync(message.Name, message.Period, cancellationToken);
        switch (outcome)
        {
            case TimerOutcome.Busy:
                throw new TimerBusyException(message.Name);
            case TimerOutcome.Failed:
                throw new InvalidOperationException($"Run '{message.Name}' ({message.Period ?? "no period"}) failed: {failure?.Message}", failure);
            case TimerOutcome.Unknown:
                // Validated when queued; a timer removed since then: nothing will ever run it.
                throw new QueueMessageFormatException($"No timer named '{message.Name}'.");
            default:
                RunsLog.Completed(logger, message.Name, message.Period, message.RequestedBy);
                return;
        }
    }
}

public static class RunsEndpoints
{
    /// <summary><c>POST /api/runs/{name}?period=yyyy-MM</c> with a staff key: queues the run and answers 202.</summary>
    public static IEndpointRouteBuilder MapRuns(this IEndpointRouteBuilder api)
    {
        api.MapPost("/runs/{name}", async (string name, string? period, HttpContext context, TimerRunner runner, QueueSender sender, RunsQueueName queue,
            TimeProvider time, CancellationToken ct) =>
        {
            if (runner.Find(name) is null)
            {
                return ApiProblem.Result(StatusCodes.Status404NotFound, "RUN_UNKNOWN", $"没有名为 {name} 的定时任务。", $"There is no timer named '{name}'.", "name");
            }

            if (period is not null && !TimerFunctions.IsValidPeriod(period))
            {
                return ApiProblem.Result(StatusCodes.Status400BadRequest, "PERIOD_INVALID", "期间格式应为 yyyy-MM 或 yyyy。", "The period must be written yyyy-MM or yyyy.", "period");
            }

            var request = new RunRequest(Guid.NewGuid().ToString("N"), name, period, context.GetFunctionCaller()?.Name ?? "", time.GetUtcNow());
            await sender.SendAsync(queue.Name, request, ct);
            return Results.Accepted(value: new { runId = request.Id, name, period, status = "queued" });
        })
        .WithName("StartRun")
        .RequireFunctionKey(FunctionScopes.Staff);
        return api;
    }
}

internal static partial class RunsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Run {Timer} ({Period}) requested by {Caller} completed")]
    public static partial void Completed(ILogger logger, string timer, string? period, string caller);
}
