using MedicalAssistance.Functions.Runs.EnrolmentList;
using MedicalAssistance.Functions.Runs.Monitoring;
using MedicalAssistance.Functions.Runs.Settlement;
using MedicalAssistance.Hosting.Timers;

namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// Shows a run requested over HTTP as <c>queued</c> in <c>GET /api/runs/{name}/{period}</c> until an attempt claims it. A request
/// without a period is for the month before the request (as the monthly runs' timers run it, e.g. <see cref="MonthlySettlementTimer"/>).
/// </summary>
public sealed class QueuedRuns(RunStore store) : IRunRequestListener
{
    private static readonly HashSet<string> MonthlyRuns = [MonthlySettlement.RunName, MonthlyEnrolmentList.RunName, MonthlyMonitoring.RunName];

    public Task QueuedAsync(RunRequest request, CancellationToken cancellationToken) =>
        MonthlyRuns.Contains(request.Name)
            ? store.MarkQueuedAsync(request.Name, request.Period ?? RunPeriod.MonthBefore(request.RequestedAt).ToString(), cancellationToken)
            : Task.CompletedTask;
}
