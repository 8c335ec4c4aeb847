using MedicalAssistance.Hosting.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace MedicalAssistance.Hosting.Http;

/// <summary>
/// The standalone host's HTTP side: one endpoint per <c>[HttpTrigger]</c> function of the <see cref="FunctionCatalog"/>, at
/// <c>/api/{route}</c> for its methods, named as the function. The function's method and attributes are the endpoint's
/// metadata, so the OpenAPI document describes it from the same declaration (parameters, <c>[ProducesResponseType]</c>, keys).
/// </summary>
public static class HttpFunctionEndpoints
{
    public const string RoutePrefix = "api";

    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder endpoints, FunctionCatalog catalog)
    {
        foreach (var (function, trigger) in catalog.OfTrigger<HttpFunctionTrigger>())
        {
            var metadata = new List<object> { function.Method };
            metadata.AddRange(function.Method.DeclaringType!.GetCustomAttributes(inherit: true));
            metadata.AddRange(function.Method.GetCustomAttributes(inherit: true));
            metadata.AddRange(HttpFunctionMetadata.Expand(function));
            endpoints.MapMethods($"/{RoutePrefix}/{trigger.Route}", trigger.Methods, context => InvokeAsync(function, context))
                .WithName(function.Name)
                .WithMetadata([.. metadata]);
        }

        return endpoints;
    }

    private static async Task InvokeAsync(FunctionDescriptor function, HttpContext context)
    {
        foreach (var guard in context.RequestServices.GetServices<IHttpFunctionGuard>())
        {
            if (await guard.CheckAsync(context, function) is { } denied)
            {
                await denied.ExecuteAsync(context);
                return;
            }
        }

        object? result;
        try
        {
            result = await FunctionInvoker.InvokeAsync(function, context.RequestServices, new FunctionInvocationInput(Http: context), context.RequestAborted);
        }
        catch (RouteValueException ex)
        {
            await ApiProblem.WriteAsync(context, StatusCodes.Status400BadRequest, "ROUTE_VALUE_INVALID", $"路径参数 {ex.Name} 的值无效",
                ex.Message, ex.Name);
            return;
        }

        switch (result)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult minimal:
                await minimal.ExecuteAsync(context);
                break;
            case null:
                break;
            default:
                await Results.Ok(result).ExecuteAsync(context);
                break;
        }
    }
}
