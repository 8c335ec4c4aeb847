using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Runs.Monitoring;

public sealed class MonthlyMonitoringFunctions(MonthlyMonitoringTimer monitoring)
{
    /// <summary>The high-expense early-warning list of the previous month (<see cref="MonthlyMonitoringTimer"/>).</summary>
    [Function(MonthlyMonitoring.RunName)]
    public Task MonitorMonth([TimerTrigger("%Runs:MonthlyMonitoringSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        monitoring.RunScheduledAsync(cancellationToken);
}
