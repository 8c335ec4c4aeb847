using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MedicalAssistance.Telemetry;

/// <summary>
/// Application Insights export of the app's OpenTelemetry traces, metrics and logs, on when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (in Azure, by infra/modules/functionapp.bicep and portal.bicep); locally it is not set
/// and the console exporter stays the only one. With <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> containing
/// <c>Authorization=AAD</c> (Application Insights with local authentication off) telemetry is sent with the app's
/// managed identity (<c>ClientId=…</c> in the same string).
/// </summary>
public static class AzureMonitorExport
{
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringKey = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The connection string, or null when telemetry stays local.</summary>
    public static string? ConnectionString(IConfiguration configuration) =>
        configuration[ConnectionStringKey] is { Length: > 0 } value ? value : null;

    public static TracerProviderBuilder AddAzureMonitor(this TracerProviderBuilder tracing, string connectionString, TokenCredential? credential) =>
        tracing.AddAzureMonitorTraceExporter(o => Configure(o, connectionString, credential));

    public static MeterProviderBuilder AddAzureMonitor(this MeterProviderBuilder metrics, string connectionString, TokenCredential? credential) =>
        metrics.AddAzureMonitorMetricExporter(o => Configure(o, connectionString, credential));

    public static LoggerProviderBuilder AddAzureMonitor(this LoggerProviderBuilder logging, string connectionString, TokenCredential? credential) =>
        logging.AddAzureMonitorLogExporter(o => Configure(o, connectionString, credential));

    /// <summary>The managed identity named by <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>; null for key-based ingestion.</summary>
    public static TokenCredential? Credential(IConfiguration configuration)
    {
        var parts = (configuration[AuthenticationStringKey] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }

    private static void Configure(AzureMonitorExporterOptions options, string connectionString, TokenCredential? credential)
    {
        options.ConnectionString = connectionString;
        options.Credential = credential;
        // Instances of Flex Consumption come and go: no offline buffer on a local disk that will not be there to resend it.
        options.DisableOfflineStorage = true;
        // Live Metrics keeps a second connection open per instance; the portal's Live Metrics pane needs it on (set it here).
        options.EnableLiveMetrics = false;
        // Every trace: at 1,000,000 claims a year the volume is small, and a rate-limited sampler drops the first spans of a
        // cold instance, the ones that explain a slow start. Lower SamplingRatio here if ingestion costs grow.
        options.TracesPerSecond = null;
        options.SamplingRatio = 1.0F;
    }
}
