namespace MedicalAssistance.Portal.Assets;

/// <summary>
/// The portal's only static files (a stylesheet and the upload script), embedded in the assembly and served from
/// <c>/assets/…</c>: no CDN, no wwwroot to deploy, cached by the browser for a day.
/// </summary>
public static class StaticAssets
{
    public static IEndpointRouteBuilder MapStaticAssets(this IEndpointRouteBuilder app)
    {
        Map(app, "site.css", "text/css; charset=utf-8");
        Map(app, "upload.js", "text/javascript; charset=utf-8");
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, string name, string contentType)
    {
        using var stream = typeof(StaticAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded asset '{name}' is missing.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        app.MapGet("/assets/" + name, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Bytes(bytes, contentType);
        });
    }
}
