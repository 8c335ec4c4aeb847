using MedicalAssistance.Hosting.Http;

namespace MedicalAssistance.Hosting.Keys;

/// <summary>Endpoint metadata: the endpoint needs a function key with any one of <see cref="Scopes"/> (none listed: any valid key).</summary>
public sealed record FunctionKeyRequirement(IReadOnlyList<string> Scopes);

public static class FunctionKeyExtensions
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";
    private static readonly object CallerItem = new();

    /// <summary>
    /// Requires a function key (header <c>x-functions-key</c> or <c>?code=</c>) granting any one of <paramref name="scopes"/>.
    /// A scope may contain <c>{routeValue}</c> placeholders, e.g. <c>department:{department}</c>.
    /// </summary>
    public static RouteHandlerBuilder RequireFunctionKey(this RouteHandlerBuilder builder, params string[] scopes) =>
        builder.WithMetadata(new FunctionKeyRequirement(scopes)).AddEndpointFilter(VerifiedFilter);

    /// <inheritdoc cref="RequireFunctionKey(RouteHandlerBuilder, string[])"/>
    public static RouteGroupBuilder RequireFunctionKey(this RouteGroupBuilder builder, params string[] scopes) =>
        builder.WithMetadata(new FunctionKeyRequirement(scopes)).AddEndpointFilter(VerifiedFilter);

    /// <summary>The verified caller, once the key was checked; null on endpoints that need no key.</summary>
    public static FunctionCaller? GetFunctionCaller(this HttpContext context) =>
        context.Items.TryGetValue(CallerItem, out var caller) ? caller as FunctionCaller : null;

    /// <summary>Checks keys before model binding, so a caller without a key gets 401 even when its body is invalid.</summary>
    public static IApplicationBuilder UseFunctionKeys(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (await AuthorizeAsync(context) is { } denied)
            {
                await denied.ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    /// <summary>
    /// Second line of defence: an endpoint mapped in a pipeline without <see cref="UseFunctionKeys"/> is still protected.
    /// </summary>
    private static async ValueTask<object?> VerifiedFilter(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        if (invocation.HttpContext.GetFunctionCaller() is null && await AuthorizeAsync(invocation.HttpContext) is { } denied)
        {
            return denied;
        }

        return await next(invocation);
    }

    /// <summary>Null when the request may go on; otherwise the 401/403 problem to answer with.</summary>
    private static async Task<IResult?> AuthorizeAsync(HttpContext context)
    {
        var requirements = context.GetEndpoint()?.Metadata.GetOrderedMetadata<FunctionKeyRequirement>() ?? [];
        if (requirements.Count == 0 || context.GetFunctionCaller() is not null)
        {
            return null;
        }

        var presented = context.Request.Headers[HeaderName].FirstOrDefault() ?? context.Request.Query[QueryName].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            return ApiProblem.Result(StatusCodes.Status401Unauthorized, "FUNCTION_KEY_MISSING",
                "缺少访问密钥（请在 x-functions-key 请求头或 code 参数中提供）。",
                "A function key is required (x-functions-key header or ?code= query parameter).");
        }

        var store = context.RequestServices.GetRequiredService<FunctionKeyStore>();
        var caller = await store.VerifyAsync(presented, context.RequestAborted);
        if (caller is null)
        {
            return ApiProblem.Result(StatusCodes.Status401Unauthorized, "FUNCTION_KEY_INVALID",
                "访问密钥无效或已被吊销。",
                "The function key is unknown or has been revoked.");
        }

        // Every requirement (group and endpoint) must hold; within one requirement any listed scope is enough.
        foreach (var requirement in requirements)
        {
            if (requirement.Scopes.Count == 0)
            {
                continue;
            }

            var wanted = requirement.Scopes.Select(s => ResolvePlaceholders(s, context.Request.RouteValues)).OfType<string>().ToList();
            if (!caller.HasAnyScope(wanted))
            {
                return ApiProblem.Result(StatusCodes.Status403Forbidden, "FUNCTION_KEY_SCOPE",
                    "该访问密钥无权执行此操作。",
                    $"The function key of '{caller.Name}' does not grant any of: {string.Join(", ", wanted.DefaultIfEmpty(string.Join(", ", requirement.Scopes)))}.");
            }
        }

        context.Items[CallerItem] = caller;
        return null;
    }

    /// <summary><c>department:{department}</c> → <c>department:meizhou-civil</c>; null when a placeholder has no route value.</summary>
    internal static string? ResolvePlaceholders(string scope, RouteValueDictionary routeValues)
    {
        var open = scope.IndexOf('{', StringComparison.Ordinal);
        while (open >= 0)
        {
            var close = scope.IndexOf('}', open);
            if (close < 0)
            {
                return null;
            }

            var name = scope[(open + 1)..close];
            if (!routeValues.TryGetValue(name, out var value) || Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) is not { Length: > 0 } text)
            {
                return null;
            }

            scope = string.Concat(scope.AsSpan(0, open), text, scope.AsSpan(close + 1));
            open = scope.IndexOf('{', open + text.Length);
        }

        return scope;
    }
}
