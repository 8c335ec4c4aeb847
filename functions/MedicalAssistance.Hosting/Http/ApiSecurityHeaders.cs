namespace MedicalAssistance.Hosting.Http;

/// <summary>
/// Headers on every API answer (issue 14 item 13): the API serves JSON and files, never pages, so nothing of it may be framed,
/// sniffed into another type, sent with a referrer or cached by a shared cache (answers carry personal data).
/// </summary>
public static class ApiSecurityHeaders
{
    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        if (!headers.ContainsKey("Cache-Control"))
        {
            headers.CacheControl = "no-store";
        }
    }
}
