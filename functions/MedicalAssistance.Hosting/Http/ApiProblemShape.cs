using MedicalAssistance.Hosting.Storage;
using Microsoft.AspNetCore.Mvc;

namespace MedicalAssistance.Hosting.Http;

/// <summary>
/// Gives every problem the framework writes itself — an unknown route (404), a wrong method (405), a body Kestrel refused
/// (413, 408, 400), storage out of reach (503 <c>STORAGE_UNAVAILABLE</c>), an unhandled exception (500) — the API's shape (<see cref="ApiProblem"/>): a stable <c>code</c> and the
/// message in Chinese and English. Problems the app wrote with a code keep theirs.
/// </summary>
public static class ApiProblemShape
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (context.Exception is BadHttpRequestException bad)
        {
            problem.Status = bad.StatusCode;
            context.HttpContext.Response.StatusCode = bad.StatusCode;
        }

        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        if (context.Exception is { } failure && StorageUnavailable.Is(failure))
        {
            // Not a 500: nothing is wrong with the request, and nothing of it was accepted. Health says which service is down.
            problem.Status = StatusCodes.Status503ServiceUnavailable;
            context.HttpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.HttpContext.Response.Headers.RetryAfter = "10";
            Set(problem, "STORAGE_UNAVAILABLE", "存储服务暂时不可用，本次请求未被受理，请稍后重试", "Storage is unreachable: the request was not accepted. Try again later.");
            return;
        }

        var (code, zh, en) = (problem.Status ?? context.HttpContext.Response.StatusCode) switch
        {
            StatusCodes.Status400BadRequest => ("BAD_REQUEST", "请求格式不正确", "The request is malformed."),
            StatusCodes.Status401Unauthorized => ("UNAUTHORIZED", "需要登录或访问密钥", "Authentication is required."),
            StatusCodes.Status403Forbidden => ("FORBIDDEN", "无权执行此操作", "This caller may not do this."),
            StatusCodes.Status404NotFound => ("NOT_FOUND", "找不到该地址", "There is no such route."),
            StatusCodes.Status405MethodNotAllowed => ("METHOD_NOT_ALLOWED", "该地址不支持此请求方法", "The route does not accept this method."),
            StatusCodes.Status408RequestTimeout => ("REQUEST_TIMEOUT", "请求发送过慢，已超时", "The request body arrived too slowly."),
            StatusCodes.Status413PayloadTooLarge => ("BODY_TOO_LARGE", "请求内容过大", "The request body is too large."),
            StatusCodes.Status415UnsupportedMediaType => ("UNSUPPORTED_MEDIA_TYPE", "不支持的请求内容类型", "The content type is not supported."),
            StatusCodes.Status429TooManyRequests => ("RATE_LIMITED", "请求过于频繁，请稍后再试", "Too many requests, try again later."),
            StatusCodes.Status503ServiceUnavailable => ("UNAVAILABLE", "服务暂时不可用，请稍后再试", "The service is unavailable, try again later."),
            _ => ("INTERNAL_ERROR", "系统内部错误，请稍后再试；如持续出现请联系经办机构", "An internal error occurred."),
        };
        Set(problem, code, zh, en);
    }

    private static void Set(ProblemDetails problem, string code, string zh, string en)
    {
        problem.Title = en;
        problem.Detail = zh;
        problem.Extensions["code"] = code;
        problem.Extensions["messageZh"] = zh;
        problem.Extensions["messageEn"] = en;
    }
}
