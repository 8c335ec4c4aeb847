using MedicalAssistance.Telemetry;
using MedicalAssistance.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace MedicalAssistance.Portal.Tests.Telemetry;

/// <summary>
/// In Azure the portal's requests and its calls to the API go to Application Insights (issue 13: the apps' OpenTelemetry wired to
/// it when a connection string is set); here the ingestion endpoint is a local receiver named by the connection string.
/// </summary>
public sealed class PortalTelemetryTests
{
    static PortalTelemetryTests() => IngestionReceiver.DisableStatsbeat();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_a_connection_string_a_page_request_and_the_api_call_it_made_are_exported_as_the_portal()
    {
        await using var receiver = await IngestionReceiver.StartAsync(Ct);
        var apiPort = FreePorts.Next(); // nothing listens: the home page's status call fails, and is traced as a dependency
        await using var portal = await RunningApp.StartAsync(PortalApp.Build(
            [.. RunningApp.LoopbackArgs, $"--{PortalApp.ApiBaseUrlKey}=http://127.0.0.1:{apiPort}/", $"--{AzureMonitorExport.ConnectionStringKey}={receiver.ConnectionString}"]), Ct);
        using var http = portal.CreateClient();

        using (var home = await http.GetAsync(new Uri("/", UriKind.Relative), Ct))
        {
            Assert.True(home.IsSuccessStatusCode);
        }

        Assert.True(portal.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        var exported = string.Join('\n', receiver.Bodies);
        Assert.Contains("\"ai.cloud.role\":\"medical-assistance-portal\"", exported, StringComparison.Ordinal);
        Assert.Contains("\"RequestData\"", exported, StringComparison.Ordinal); // the page request
        Assert.Contains($"127.0.0.1:{apiPort}", exported, StringComparison.Ordinal); // the call to the API, as a dependency
        Assert.Contains(IngestionReceiver.InstrumentationKey, exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_connection_string_nothing_is_exported()
    {
        await using var portal = await RunningApp.StartAsync(PortalApp.Build(
            [.. RunningApp.LoopbackArgs, $"--{PortalApp.ApiBaseUrlKey}=http://127.0.0.1:{FreePorts.Next()}/"]), Ct);

        Assert.Null(portal.Services.GetService<TracerProvider>());
    }
}
