using MedicalAssistance.Hosting.Queues;

namespace MedicalAssistance.Hosting.Timers;

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
