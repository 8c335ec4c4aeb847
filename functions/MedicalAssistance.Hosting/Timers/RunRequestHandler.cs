using MedicalAssistance.Hosting.Queues;

namespace MedicalAssistance.Hosting.Timers;

/// <summary>Carries out queued run requests (<c>POST /api/runs/{name}</c>) under the timer's lease (a busy timer means: retry later).</summary>
public sealed class RunRequestHandler(TimerRunner runner, ILogger<RunRequestHandler> logger)
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
            case TimerOutcome.Unknown or TimerOutcome.NoPeriod:
                // Validated when queued; a timer (or its period run) removed since then: nothing will ever run it.
                throw new QueueMessageFormatException($"No timer named '{message.Name}' that runs for a period ({outcome}).");
            default:
                RunsLog.Completed(logger, message.Name, message.Period, message.RequestedBy);
                return;
        }
    }
}
