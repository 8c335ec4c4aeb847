using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;

namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// What the runs' HTTP functions (<see cref="RunHttpFunctions"/>, staff key) do, over <see cref="RunStore"/> and <see cref="RunOutputs"/>:
/// <c>GET /api/runs/{name}/{period}</c> and <c>GET /api/runs/{name}/{period}/outputs/{file}</c>. Starting a run
/// (<c>POST /api/runs/{name}?period=</c>) is <see cref="RunFunctions"/>.
/// </summary>
internal static class RunRequests
{
    internal static async Task<IResult> GetRunAsync(string name, string period, RunStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(name, period, cancellationToken) is { } found ? Results.Ok(RunView.Of(found.State)) : NotFound(name, period);

    internal static async Task<IResult> GetOutputAsync(string name, string period, string file, RunStore store, RunOutputs outputs, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(name, period, cancellationToken) is not { } found || found.State.Outputs.All(o => o.Name != file))
        {
            return ApiProblem.Result(StatusCodes.Status404NotFound, "RUN_OUTPUT_NOT_FOUND", $"运行 {name} {period} 没有文件 {file}。", $"Run {name} {period} has no output '{file}'.", "file");
        }

        return await outputs.OpenReadAsync(name, period, file, cancellationToken) is { } blob
            ? Results.Stream(blob.Content, ContentTypeOf(file), file)
            : ApiProblem.Result(StatusCodes.Status404NotFound, "RUN_OUTPUT_NOT_FOUND", $"运行 {name} {period} 的文件 {file} 不存在。", $"The output '{file}' of run {name} {period} is missing.", "file");
    }

    private static IResult NotFound(string name, string period) =>
        ApiProblem.Result(StatusCodes.Status404NotFound, "RUN_NOT_FOUND", $"没有运行 {name} {period}。", $"There is no run {name} for {period}.", "period");

    private static string ContentTypeOf(string file) => file.EndsWith(".xlsx", StringComparison.Ordinal)
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "text/csv; charset=utf-8";
}
