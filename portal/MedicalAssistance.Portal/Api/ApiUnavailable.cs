using Polly.Timeout;

namespace MedicalAssistance.Portal.Api;

/// <summary>Which failures mean "the API is down or too slow": the page then shows a friendly message instead of an error.</summary>
public static class ApiUnavailable
{
    public const string MessageZh = "暂时无法连接业务系统，请稍后再试。";

    public static bool Is(Exception exception, CancellationToken requestAborted) =>
        exception is HttpRequestException or TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException
        || exception is TaskCanceledException && !requestAborted.IsCancellationRequested;

    /// <summary>A response that never came (Refit wraps the connection failure) or a server error: the API is not answering properly.</summary>
    public static bool Is(Refit.IApiResponse response) =>
        response.Error is { } error && error is not Refit.ApiException || response.StatusCode is null || (int)response.StatusCode.Value is 0 or >= 500;
}
