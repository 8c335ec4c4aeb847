namespace MedicalAssistance.Hosting.Http;

/// <summary>
/// The API's error shape (architecture.md §6): RFC 7807 problem details with a stable machine <c>code</c>, the offending
/// <c>field</c> when there is one, and the message in Chinese (<c>detail</c>, <c>messageZh</c>) and English (<c>title</c>, <c>messageEn</c>).
/// </summary>
public static class ApiProblem
{
    public static IResult Result(int status, string code, string messageZh, string messageEn, string? field = null) =>
        Results.Problem(
            statusCode: status,
            title: messageEn,
            detail: messageZh,
            extensions: Extensions(code, messageZh, messageEn, field));

    /// <summary>Writes the problem directly, for middleware that runs before an endpoint.</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string messageZh, string messageEn, string? field = null) =>
        Result(status, code, messageZh, messageEn, field).ExecuteAsync(context);

    private static Dictionary<string, object?> Extensions(string code, string messageZh, string messageEn, string? field)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = code,
            ["messageZh"] = messageZh,
            ["messageEn"] = messageEn,
        };
        if (field is not null)
        {
            extensions["field"] = field;
        }

        return extensions;
    }
}
