using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// Runs <see cref="IPeriodRun"/>s exactly once per name and period: claims the period in table <c>runs</c> (ETag), carries the
/// attempt out and marks it done or failed. Two hosts firing together: one claims, the other sees it busy. A manual re-trigger of a
/// done period: nothing happens. A crashed attempt (running, heartbeat older than <see cref="RunFeatureOptions.StaleAfter"/>) or a
/// failed one is claimed again and resumes from the checkpoint the run saved (<see cref="RunContext.CheckpointAsync{T}"/>), or from the
/// start if it saved none; the run's own keys make that produce the same outputs and post nothing twice.
/// A cancelled attempt (shutdown) is left as a crash would leave it.
/// </summary>
public sealed partial class PeriodRunner(RunStore store, IOptions<RunFeatureOptions> options, TimeProvider time, ILogger<PeriodRunner> logger)
{
    public async Task<RunClaim> RunAsync(IPeriodRun run, RunPeriod period, CancellationToken cancellationToken)
    {
        var key = period.ToString();
        if (Calendar.ChinaTime.DateOf(time.GetUtcNow()) < run.OpensOn(period))
        {
            throw new ArgumentException($"The period {key} has not ended yet in Asia/Shanghai (or is not due): {run.Name} cannot run it before {run.OpensOn(period):yyyy-MM-dd}.",
                nameof(period));
        }

        var claim = await store.TryClaimAsync(run.Name, key, time.GetUtcNow(), options.Value.StaleAfter, cancellationToken);
        if (claim.Outcome != RunClaimOutcome.Claimed)
        {
            LogNotClaimed(logger, run.Name, key, claim.Outcome, claim.State.Status);
            return claim;
        }

        LogClaimed(logger, run.Name, key, claim.State.Attempt);
        var context = new RunContext(store, claim.State, claim.ETag, time);
        RunResult result;
        try
        {
            result = await run.ExecuteAsync(context, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not RunTakenOverException)
        {
            LogFailed(logger, run.Name, key, ex);
            await context.FinishAsync(context.State with { Status = RunStatus.Failed, FinishedAt = time.GetUtcNow(), Error = ex.Message }, CancellationToken.None);
            throw;
        }

        var outputs = result.Files.Select(f => new RunOutput(f, RunOutputs.UrlOf(run.Name, key, f))).ToList();
        var now = time.GetUtcNow();
        await context.FinishAsync(context.State with { Status = RunStatus.Done, FinishedAt = now, HeartbeatAt = now, Totals = result.Totals, Outputs = outputs, Error = null, ResumeData = null },
            CancellationToken.None);
        LogDone(logger, run.Name, key, context.State.Done);
        return claim with { State = context.State };
    }

    /// <summary>
    /// <see cref="RunAsync"/> as a timer invocation does it: a done period succeeds without running again; one being run elsewhere
    /// fails the invocation (<see cref="RunBusyException"/>), so a queued run request is delivered again later.
    /// </summary>
    public async Task RunOnceAsync(IPeriodRun run, RunPeriod period, CancellationToken cancellationToken)
    {
        var claim = await RunAsync(run, period, cancellationToken);
        if (claim.Outcome == RunClaimOutcome.Busy)
        {
            throw new RunBusyException(run.Name, period.ToString(), claim.State.HeartbeatAt);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {Run} {Period}: not started here ({Outcome}; status {Status})")]
    private static partial void LogNotClaimed(ILogger logger, string run, string period, RunClaimOutcome outcome, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {Run} {Period}: attempt {Attempt} started")]
    private static partial void LogClaimed(ILogger logger, string run, string period, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {Run} {Period}: done ({Done} persons read)")]
    private static partial void LogDone(ILogger logger, string run, string period, int done);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {Run} {Period} failed")]
    private static partial void LogFailed(ILogger logger, string run, string period, Exception exception);
}
