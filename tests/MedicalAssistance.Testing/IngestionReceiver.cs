using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace MedicalAssistance.Testing;

/// <summary>
/// A stand-in for Application Insights' ingestion endpoint on a loopback port, named by a test's connection string
/// (<see cref="ConnectionString"/>): keeps each request's (gunzipped) body and path, and accepts every item as the real one does.
/// </summary>
public sealed class IngestionReceiver : IAsyncDisposable
{
    /// <summary>The instrumentation key of <see cref="ConnectionString"/>; every exported item carries it.</summary>
    public const string InstrumentationKey = "00000000-0000-0000-0000-000000000001";

    private readonly WebApplication _app;

    private IngestionReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public string ConnectionString => $"InstrumentationKey={InstrumentationKey};IngestionEndpoint={Url}";

    public ConcurrentQueue<string> Bodies { get; } = new();

    public ConcurrentQueue<string> Paths { get; } = new();

    /// <summary>
    /// Turns off the exporter's own usage statistics (statsbeat), which go to fixed Microsoft endpoints: never from a test.
    /// Call before an exporter is built.
    /// </summary>
    public static void DisableStatsbeat()
    {
        Environment.SetEnvironmentVariable("APPLICATIONINSIGHTS_STATSBEAT_DISABLED", "true");
        Environment.SetEnvironmentVariable("APPLICATIONINSIGHTS_SDKSTATS_DISABLED", "true");
    }

    public static async Task<IngestionReceiver> StartAsync(CancellationToken ct)
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new IngestionReceiver(app, $"http://127.0.0.1:{port}/");
        app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            Stream body = request.Body;
            if (request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                body = new GZipStream(request.Body, CompressionMode.Decompress);
            }

            using var reader = new StreamReader(body);
            var text = await reader.ReadToEndAsync();
            receiver.Paths.Enqueue(request.Path);
            receiver.Bodies.Enqueue(text);
            var items = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            return Results.Json(new { itemsReceived = items, itemsAccepted = items, errors = Array.Empty<object>() });
        });
        await app.StartAsync(ct);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
