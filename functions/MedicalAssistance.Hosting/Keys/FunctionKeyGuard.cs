using System.Globalization;
using MedicalAssistance.Hosting.Catalog;
using MedicalAssistance.Hosting.Http;

namespace MedicalAssistance.Hosting.Keys;

/// <summary>Checks <see cref="FunctionKeyAttribute"/> against the project's key store (table <c>functionkeys</c>).</summary>
public sealed class FunctionKeyGuard(FunctionKeyStore store) : IHttpFunctionGuard
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";
    private static readonly object CallerItem = new();

    /// <summary>The verified caller, once the key was checked; null on functions that need no key.</summary>
    public static FunctionCaller? CallerOf(HttpContext context) =>
        context.Items.TryGetValue(CallerItem, out var caller) ? caller as FunctionCaller : null;

    public async ValueTask<IResult?> CheckAsync(HttpContext context, FunctionDescriptor target)
    {
        var requirements = target.Attributes<FunctionKeyAttribute>().ToList();
        if (requirements.Count == 0 || CallerOf(context) is not null)
        {
            return null;
        }

        // The header wins when it holds a key; an empty header counts as absent, so ?code= is then used (README, API).
        var presented = context.Request.Headers[HeaderName].FirstOrDefault() is { Length: > 0 } header ? header : context.Request.Query[QueryName].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            return ApiProblem.Result(StatusCodes.Status401Unauthorized, "FUNCTION_KEY_MISSING",
                "缺少访问密钥（请在 x-functions-key 请求头或 code 参数中提供）。",
                "A function key is required (x-functions-key header or ?code= query parameter).");
        }

        var caller = await store.VerifyAsync(presented, context.RequestAborted);
        if (caller is null)
        {
            return ApiProblem.Result(StatusCodes.Status401Unauthorized, "FUNCTION_KEY_INVALID",
                "访问密钥无效或已被吊销。",
                "The function key is unknown or has been revoked.");
        }

        // Every requirement (class and method) must hold; within one requirement any listed scope is enough.
        foreach (var requirement in requirements.Where(r => r.Scopes.Count > 0))
        {
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
            if (!routeValues.TryGetValue(name, out var value) || Convert.ToString(value, CultureInfo.InvariantCulture) is not { Length: > 0 } text)
            {
                return null;
            }

            scope = string.Concat(scope.AsSpan(0, open), text, scope.AsSpan(close + 1));
            open = scope.IndexOf('{', open + text.Length);
        }

        return scope;
    }
}
