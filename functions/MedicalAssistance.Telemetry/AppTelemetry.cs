using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MedicalAssistance.Telemetry;

/// <summary>
/// What an app exports, and where: the traces of <see cref="Sources"/> and the metrics of <see cref="Meters"/>, to the console
/// when <paramref name="Console"/> is on (local runs that ask for it) and to Application Insights when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (<see cref="AzureMonitorExport"/>, with the logs too). Neither: nothing is
/// registered, so tests and <c>./run.sh</c> pay nothing for it.
/// </summary>
/// <param name="ServiceName">The <c>service.name</c> resource attribute: how Application Insights names the app (cloud role).</param>
public sealed record AppTelemetry(string ServiceName, IReadOnlyList<string> Sources, IReadOnlyList<string> Meters, bool Console)
{
    /// <summary>The activity sources .NET itself traces requests with: ASP.NET Core's incoming requests, HttpClient's outgoing ones.</summary>
    public static readonly IReadOnlyList<string> WebSources = ["Microsoft.AspNetCore", "System.Net.Http"];

    /// <summary>The meters of the same (request duration, active requests, connections).</summary>
    public static readonly IReadOnlyList<string> WebMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http"];

    /// <summary>Registers the exporters this configuration asks for; returns whether any was.</summary>
    public bool AddTo(IServiceCollection services, IConfiguration configuration)
    {
        var azureMonitor = AzureMonitorExport.ConnectionString(configuration);
        if (!Console && azureMonitor is null)
        {
            return false;
        }

        var credential = azureMonitor is null ? null : AzureMonitorExport.Credential(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource([.. Sources]);
                if (Console)
                {
                    tracing.AddConsoleExporter();
                }

                if (azureMonitor is not null)
                {
                    tracing.AddAzureMonitor(azureMonitor, credential);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. Meters]);
                if (Console)
                {
                    metrics.AddConsoleExporter();
                }

                if (azureMonitor is not null)
                {
                    metrics.AddAzureMonitor(azureMonitor, credential);
                }
            });
        if (azureMonitor is not null)
        {
            telemetry.WithLogging(logging => logging.AddAzureMonitor(azureMonitor, credential));
        }

        return true;
    }
}
