using System.Collections.Concurrent;
using System.IO.Compression;
using MedicalAssistance.Hosting;
using MedicalAssistance.Hosting.Telemetry;
using MedicalAssistance.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace MedicalAssistance.Hosting.Tests.Telemetry;

/// <summary>
/// With APPLICATIONINSIGHTS_CONNECTION_STRING set the trigger layer's traces go to Application Insights' ingestion endpoint
/// (here a local receiver named by the connection string); without it nothing is exported.
/// </summary>
public sealed class AzureMonitorExportTests
{
    static AzureMonitorExportTests()
    {
        // The exporter's own usage statistics go to fixed Microsoft endpoints: never from a test.
        Environment.SetEnvironmentVariable("APPLICATIONINSIGHTS_STATSBEAT_DISABLED", "true");
        Environment.SetEnvironmentVariable("APPLICATIONINSIGHTS_SDKSTATS_DISABLED", "true");
    }

    [Fact]
    public async Task A_connection_string_sends_the_functions_traces_to_its_ingestion_endpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await IngestionReceiver.StartAsync(ct);
        using var provider = Compose(("APPLICATIONINSIGHTS_CONNECTION_STRING",
            $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint={receiver.Url}"));
        var tracer = provider.GetRequiredService<TracerProvider>();

        using (var probe = FunctionsTelemetry.Source.StartActivity("queue AzureMonitorExportProbe"))
        {
            Assert.NotNull(probe);
        }

        Assert.True(tracer.ForceFlush(10_000));
        var body = Assert.Single(receiver.Bodies, b => b.Contains("AzureMonitorExportProbe", StringComparison.Ordinal));
        Assert.Contains("00000000-0000-0000-0000-000000000001", body, StringComparison.Ordinal);
        Assert.All(receiver.Paths, path => Assert.Equal("/v2.1/track", path));
    }

    [Fact]
    public void Without_a_connection_string_no_exporter_is_registered()
    {
        using var provider = Compose();

        Assert.Null(provider.GetService<TracerProvider>());
    }

    [Fact]
    public void An_aad_authentication_string_sends_with_the_named_managed_identity()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AzureMonitorExport.AuthenticationStringKey] = "ClientId=00000000-0000-0000-0000-000000000002;Authorization=AAD",
        }).Build();

        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(AzureMonitorExport.Credential(configuration));
        Assert.Null(AzureMonitorExport.Credential(new ConfigurationBuilder().Build()));
    }

    private static ServiceProvider Compose(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddFunctionsHosting(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>A stand-in for Application Insights' ingestion endpoint on a loopback port: keeps each request's (gunzipped) body.</summary>
    private sealed class IngestionReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private IngestionReceiver(WebApplication app, string url)
        {
            _app = app;
            Url = url;
        }

        public string Url { get; }
        public ConcurrentQueue<string> Bodies { get; } = new();
        public ConcurrentQueue<string> Paths { get; } = new();

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
}
