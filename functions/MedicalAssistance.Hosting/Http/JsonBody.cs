using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Hosting.Http;

/// <summary>
/// Reads a JSON request body as minimal APIs bind one, with the app's JSON options, for functions (which take
/// <see cref="HttpRequest"/>): an empty body is null, another media type is 415 <c>UNSUPPORTED_MEDIA_TYPE</c>, malformed JSON
/// is 400 <c>MALFORMED_JSON</c> naming where it broke.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength == 0)
        {
            return (null, null);
        }

        if (!request.HasJsonContentType())
        {
            return (null, ApiProblem.Result(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                "请求内容应为 JSON（Content-Type: application/json）", "The body must be JSON (Content-Type: application/json).", "Content-Type"));
        }

        var options = request.HttpContext.RequestServices.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions ?? JsonSerializerOptions.Web;
        try
        {
            return (await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken), null);
        }
        catch (JsonException ex)
        {
            return (null, ApiProblem.Result(StatusCodes.Status400BadRequest, "MALFORMED_JSON",
                "请求不是有效的 JSON" + (ex.Path is { Length: > 0 } at ? $"（位置 {at}）" : ""), $"The body is not valid JSON{(ex.Path is { Length: > 0 } path ? $" at {path}" : "")}.", ex.Path ?? "$"));
        }
    }
}
