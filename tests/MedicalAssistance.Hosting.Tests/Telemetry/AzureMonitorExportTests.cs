using MedicalAssistance.Hosting;
using MedicalAssistance.Hosting.Telemetry;
using MedicalAssistance.Telemetry;
using MedicalAssistance.Testing;
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
    static AzureMonitorExportTests() => IngestionReceiver.DisableStatsbeat();

    [Fact]
    public async Task A_connection_string_sends_the_functions_traces_to_its_ingestion_endpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await IngestionReceiver.StartAsync(ct);
        using var provider = Compose((AzureMonitorExport.ConnectionStringKey, receiver.ConnectionString));
        var tracer = provider.GetRequiredService<TracerProvider>();

        using (var probe = FunctionsTelemetry.Source.StartActivity("queue AzureMonitorExportProbe"))
        {
            Assert.NotNull(probe);
        }

        Assert.True(tracer.ForceFlush(10_000));
        var body = Assert.Single(receiver.Bodies, b => b.Contains("AzureMonitorExportProbe", StringComparison.Ordinal));
        Assert.Contains(IngestionReceiver.InstrumentationKey, body, StringComparison.Ordinal);
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
}
