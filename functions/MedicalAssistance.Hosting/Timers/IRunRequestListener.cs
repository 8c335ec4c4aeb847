namespace MedicalAssistance.Hosting.Timers;

/// <summary>
/// Told of each run request <c>POST /api/runs/{name}</c> accepts, before it is queued (e.g. to show the run as queued). Must be
/// idempotent and must not fail the request for a run that has already started: the request may be sent again.
/// </summary>
public interface IRunRequestListener
{
    Task QueuedAsync(RunRequest request, CancellationToken cancellationToken);
}
