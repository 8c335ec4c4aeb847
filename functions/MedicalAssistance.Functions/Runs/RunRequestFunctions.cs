using MedicalAssistance.Hosting.Timers;
using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Runs;

public sealed class RunRequestFunctions(RunRequestHandler handler)
{
    /// <summary>A run queued by <c>POST /api/runs/{name}</c>; a timer busy elsewhere means: retry later.</summary>
    [Function("RunRequest")]
    public Task RunRequest([QueueTrigger("%Hosting:Runs:Queue%")] RunRequest message, CancellationToken cancellationToken) =>
        handler.RunAsync(message, cancellationToken);
}
