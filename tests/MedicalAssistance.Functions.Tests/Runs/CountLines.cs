using MedicalAssistance.Functions.Runs.Settlement;

namespace MedicalAssistance.Functions.Tests.Runs;

/// <summary>Counts the lines a run writes: how much of the work an attempt did itself.</summary>
internal sealed class CountLines : ISettlementLineObserver
{
    private int _written;

    public int Written => Volatile.Read(ref _written);

    public Task WrittenAsync(SettlementLine line, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _written);
        return Task.CompletedTask;
    }
}
