using MedicalAssistance.Hosting.Timers;

namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>
/// What timer <c>monthly-settlement</c> does (<see cref="MonthlySettlementFunctions"/>; app setting
/// <c>Runs:MonthlySettlementSchedule</c>, default <c>0 0 2 1 * *</c>: the 1st of each month at 02:00, Asia/Shanghai): settles
/// the month before the moment it runs, in China time (a past-due run later that day settles the same month);
/// <c>run monthly-settlement --period yyyy-MM</c> and <c>POST /api/runs/monthly-settlement?period=</c> settle the month asked for.
/// A done month is not settled again (the invocation succeeds); one being run elsewhere fails the invocation (<see cref="RunBusyException"/>).
/// </summary>
public sealed class MonthlySettlementTimer(PeriodRunner runner, MonthlySettlement settlement, TimeProvider time) : ITimerPeriodRun
{
    public string Name => MonthlySettlement.RunName;

    /// <summary>The scheduled run: the month before now.</summary>
    public Task RunScheduledAsync(CancellationToken cancellationToken) => RunAsync(RunPeriod.MonthBefore(time.GetUtcNow()), cancellationToken);

    public Task RunAsync(string period, string requestedBy, CancellationToken cancellationToken) => RunAsync(RunPeriod.Parse(period), cancellationToken);

    private Task RunAsync(RunPeriod period, CancellationToken cancellationToken) => runner.RunOnceAsync(settlement, period, cancellationToken);
}
