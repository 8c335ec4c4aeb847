using MedicalAssistance.Hosting.Timers;

namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>
/// Timer <c>monthly-settlement</c> (<c>0 0 2 1 * *</c>: the 1st of each month at 02:00, Asia/Shanghai): settles the previous
/// month; <c>run monthly-settlement --period yyyy-MM</c> and <c>POST /api/runs/monthly-settlement?period=</c> settle the month asked for.
/// </summary>
public sealed class MonthlySettlementTimer(PeriodRunner runner, MonthlySettlement settlement) : ITimerFunction
{
    public const string Schedule = "0 0 2 1 * *";

    public Task RunAsync(TimerInfo timer, CancellationToken cancellationToken) =>
        runner.RunAsync(settlement, timer.Period is { } p ? RunPeriod.Parse(p) : RunPeriod.MonthBefore(timer.ScheduledAt), cancellationToken);
}
