using MedicalAssistance.Hosting.Timers;

namespace MedicalAssistance.Functions.Runs.Monitoring;

/// <summary>
/// What timer <c>monthly-monitoring</c> does (<see cref="MonthlyMonitoringFunctions"/>; app setting
/// <c>Runs:MonthlyMonitoringSchedule</c>, default <c>0 0 4 1 * *</c>: the 1st of each month at 04:00, Asia/Shanghai): lists the
/// month before the moment it runs, in China time. The 1st: the earliest a month's burdens are complete, well before the 5th by
/// which Tumxuk pushes early-warning data (Art. 19(一)), leaving four days for a failed run to be done again.
/// <c>run monthly-monitoring --period yyyy-MM</c> and <c>POST /api/runs/monthly-monitoring?period=</c> list the month asked for.
/// </summary>
public sealed class MonthlyMonitoringTimer(PeriodRunner runner, MonthlyMonitoring monitoring, TimeProvider time) : ITimerPeriodRun
{
    public string Name => MonthlyMonitoring.RunName;

    /// <summary>The scheduled run: the month before now.</summary>
    public Task RunScheduledAsync(CancellationToken cancellationToken) => RunAsync(RunPeriod.MonthBefore(time.GetUtcNow()), cancellationToken);

    public Task RunAsync(string period, string requestedBy, CancellationToken cancellationToken) => RunAsync(RunPeriod.Parse(period), cancellationToken);

    private Task RunAsync(RunPeriod period, CancellationToken cancellationToken) => runner.RunOnceAsync(monitoring, period, cancellationToken);
}
