using MedicalAssistance.Functions.Runs.Settlement;

namespace MedicalAssistance.Functions.Tests.Runs;

/// <summary>Cancels the run's token once it has written <paramref name="lines"/> lines: a host killed mid-run.</summary>
internal sealed class CancelAfterLines(CancellationTokenSource kill, int lines) : ISettlementLineObserver
{
    private int _written;

    public Task WrittenAsync(SettlementLine line, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _written) == lines)
        {
            kill.Cancel();
        }

        return Task.CompletedTask;
    }
}
