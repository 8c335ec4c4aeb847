using System.Text.Json;
using Refit;

namespace MedicalAssistance.Portal.Api;

/// <summary>The Chinese message of an API problem (<c>messageZh</c>), or a fallback: never an English or technical text on a page.</summary>
public static class ApiProblemText
{
    public static string Read(IApiResponse response, string fallback)
    {
        if (ApiUnavailable.Is(response))
        {
            return ApiUnavailable.MessageZh;
        }

        if ((response.Error as ApiException)?.Content is not { Length: > 0 } content)
        {
            return fallback;
        }

        try
        {
            using var json = JsonDocument.Parse(content);
            return json.RootElement.TryGetProperty("messageZh", out var zh) && zh.GetString() is { Length: > 0 } text ? text : fallback;
        }
        catch (JsonException)
        {
            return fallback;
        }
    }
}
