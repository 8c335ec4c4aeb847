using MedicalAssistance.Hosting.Timers;

namespace MedicalAssistance.Functions.Runs.EnrolmentList;

/// <summary>
/// What timer <c>monthly-enrolment-list</c> does (<see cref="MonthlyEnrolmentListFunctions"/>; app setting
/// <c>Runs:MonthlyEnrolmentListSchedule</c>, default <c>0 0 3 1 * *</c>: the 1st of each month at 03:00, Asia/Shanghai): lists
/// the month before the moment it runs, in China time. Why the 1st: a month's list can only be complete once the month has
/// ended (a run is for a closed period), and the first day after it is the earliest it exists — well before the 25th by which
/// Meizhou's county centres report (Art. 7(二)) and Tumxuk pays class-4 top-ups (Art. 17), leaving three weeks for a failed
/// run to be done again; an hour after monthly-settlement (02:00). <c>run monthly-enrolment-list --period yyyy-MM</c> and
/// <c>POST /api/runs/monthly-enrolment-list?period=</c> list the month asked for. A done month is not listed again.
/// </summary>
public sealed class MonthlyEnrolmentListTimer(PeriodRunner runner, MonthlyEnrolmentList list, TimeProvider time) : ITimerPeriodRun
{
    public string Name => MonthlyEnrolmentList.RunName;

    /// <summary>The scheduled run: the month before now.</summary>
    public Task RunScheduledAsync(CancellationToken cancellationToken) => RunAsync(RunPeriod.MonthBefore(time.GetUtcNow()), cancellationToken);

    public Task RunAsync(string period, string requestedBy, CancellationToken cancellationToken) => RunAsync(RunPeriod.Parse(period), cancellationToken);

    private Task RunAsync(RunPeriod period, CancellationToken cancellationToken) => runner.RunOnceAsync(list, period, cancellationToken);
}
