using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Hosting.Worker;

public static class WorkerApplication
{
    /// <summary>
    /// True when the Functions host started this process as its language worker: it passes <c>--functions-worker-id</c>
    /// (older hosts <c>--workerId</c>) and sets <c>FUNCTIONS_WORKER_RUNTIME</c>. Otherwise the process is the command line.
    /// </summary>
    public static bool StartedByFunctionsHost(string[] args) =>
        args.Any(a => a is "--functions-worker-id" or "--workerId" || a.StartsWith("--functions-worker-id=", StringComparison.Ordinal));

    /// <summary>Adds the HTTP guards (keys, tokens) to the worker's pipeline.</summary>
    public static IFunctionsWorkerApplicationBuilder UseHttpFunctionGuards(this IFunctionsWorkerApplicationBuilder builder) =>
        builder.UseMiddleware<HttpFunctionGuardMiddleware>();
}
