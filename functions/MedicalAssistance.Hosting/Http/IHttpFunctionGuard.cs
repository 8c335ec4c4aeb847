using MedicalAssistance.Hosting.Catalog;

namespace MedicalAssistance.Hosting.Http;

/// <summary>
/// A check every HTTP function passes before it runs (function keys, a beneficiary's token), read from the function's
/// attributes. Both hosts run the registered guards in registration order: the standalone host before invoking the function,
/// the Functions host in a worker middleware (<see cref="Worker.HttpFunctionGuardMiddleware"/>). Being in the app, not in a
/// portal or a gateway, is what keeps each caller to what it may see and change.
/// </summary>
public interface IHttpFunctionGuard
{
    /// <summary>Null when the request may go on; otherwise the problem to answer with (401, 403, …).</summary>
    ValueTask<IResult?> CheckAsync(HttpContext context, FunctionDescriptor target);
}
