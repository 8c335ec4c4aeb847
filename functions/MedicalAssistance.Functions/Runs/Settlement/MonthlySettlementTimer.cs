using MedicalAssistance.Hosting.Timers;

namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>
/// Timer <c>monthly-settlement</c> (<c>0 0 2 1 * *</c>: the 1st of each month at 02:00, Asia/Shanghai): settles the previous
/// month; <c>run monthly-settlement --period yyyy-MM</c> and <c>POST /api/runs/monthly-settlement?period=</c> settle the month asked for.
/// A done month is not settled again (the invocation succeeds); one being run elsewhere fails the invocation (<see cref="RunBusyException"/>).
/// </summary>
public sealed class MonthlySettlementTimer(PeriodRunner runner, MonthlySettlement settlement) : ITimerFunction
{
    public const string Schedule = "0 0 2 1 * *";

    public async Task RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        var period = timer.Period is { } p ? RunPeriod.Parse(p) : RunPeriod.MonthBefore(timer.ScheduledAt);
        var claim = await runner.RunAsync(settlement, period, cancellationToken);
        if (claim.Outcome == RunClaimOutcome.Busy)
        {
            throw new RunBusyException(settlement.Name, period.ToString(), claim.State.HeartbeatAt);
        }
    }
}
