using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Runs.Settlement;

public sealed class MonthlySettlementFunctions(MonthlySettlementTimer settlement)
{
    /// <summary>Monthly settlement of the previous month (<see cref="MonthlySettlementTimer"/>).</summary>
    [Function(Settlement.MonthlySettlement.RunName)]
    public Task SettleMonth([TimerTrigger("%Runs:MonthlySettlementSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        settlement.RunScheduledAsync(cancellationToken);
}
