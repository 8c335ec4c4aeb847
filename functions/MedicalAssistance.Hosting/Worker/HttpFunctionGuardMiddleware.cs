using MedicalAssistance.Hosting.Catalog;
using MedicalAssistance.Hosting.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace MedicalAssistance.Hosting.Worker;

/// <summary>
/// Under the Functions host: runs the app's <see cref="IHttpFunctionGuard"/>s (function keys and their scopes, beneficiary
/// tokens) before an HTTP function, as the standalone host does in <see cref="HttpFunctionEndpoints"/>. A refused request is
/// answered here and the function does not run; every answer gets the <see cref="ApiSecurityHeaders"/>. Non-HTTP invocations pass straight through.
/// </summary>
public sealed class HttpFunctionGuardMiddleware(IEnumerable<FunctionCatalog> catalogs) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext();
        if (http is not null)
        {
            ApiSecurityHeaders.Apply(http.Response);
        }

        if (http is not null && await DecideAsync(http, context.FunctionDefinition.Name) is { } denied)
        {
            await denied.ExecuteAsync(http);
            return;
        }

        await next(context);
    }

    /// <summary>The guards' decision for function <paramref name="functionName"/>: null to run it, else the problem to answer.</summary>
    public async Task<IResult?> DecideAsync(HttpContext http, string functionName)
    {
        if (catalogs.Select(c => c.Find(functionName)).FirstOrDefault(f => f is not null) is not { Trigger: HttpFunctionTrigger } function)
        {
            return null;
        }

        foreach (var guard in http.RequestServices.GetServices<IHttpFunctionGuard>())
        {
            if (await guard.CheckAsync(http, function) is { } denied)
            {
                return denied;
            }
        }

        return null;
    }
}
