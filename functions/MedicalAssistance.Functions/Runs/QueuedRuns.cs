using MedicalAssistance.Functions.Runs.Settlement;
using MedicalAssistance.Hosting.Timers;

namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// Shows a run requested over HTTP as <c>queued</c> in <c>GET /api/runs/{name}/{period}</c> until an attempt claims it. A request
/// without a period is for the month before the request (as <see cref="MonthlySettlementTimer"/> runs it).
/// </summary>
public sealed class QueuedRuns(RunStore store) : IRunRequestListener
{
    public Task QueuedAsync(RunRequest request, CancellationToken cancellationToken) =>
        request.Name == MonthlySettlement.RunName
            ? store.MarkQueuedAsync(request.Name, request.Period ?? RunPeriod.MonthBefore(request.RequestedAt).ToString(), cancellationToken)
            : Task.CompletedTask;
}
