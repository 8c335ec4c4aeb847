using System.Text.Encodings.Web;
using System.Text.Unicode;
using MedicalAssistance.Hosting.BlobArrivals;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Settings;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Telemetry;
using MedicalAssistance.Hosting.Timers;
using MedicalAssistance.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedicalAssistance.Hosting;

/// <summary>
/// The trigger layer's services. <see cref="AddFunctionsHosting"/> registers what both the HTTP host and the command line use
/// (storage, settings, keys, queue sender, function registrations); <see cref="AddTriggerListeners"/> adds what only <c>serve</c>
/// runs (queue listeners, timer schedulers, blob scanners).
/// </summary>
public static class FunctionsHosting
{
    /// <summary>Idempotent: the standalone host and the app's <c>AddFunctionsCore</c> both call it.</summary>
    public static IServiceCollection AddFunctionsHosting(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(service => service.ServiceType == typeof(FunctionKeyStore)))
        {
            return services;
        }

        services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblemShape.Customize);
        // JSON answers carry Chinese as characters (names, row errors, messageZh), not \uXXXX escapes; HTML-sensitive
        // characters (<, >, &, ', ") stay escaped.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JavaScriptEncoder.Create(
            UnicodeRanges.BasicLatin, UnicodeRanges.CjkUnifiedIdeographs, UnicodeRanges.CjkUnifiedIdeographsExtensionA,
            UnicodeRanges.CjkSymbolsandPunctuation, UnicodeRanges.HalfwidthandFullwidthForms, UnicodeRanges.GeneralPunctuation));
        services.AddSingleton(TimeProvider.System);
        // A connection string locally (Azurite), the managed identity's AzureWebJobsStorage__accountName in Azure.
        services.AddSingleton(provider => new StorageAccount(StorageClients.FromConfiguration(provider.GetRequiredService<IConfiguration>())));
        services.AddOptions<StorageLayout>();
        services.AddStorage(
            tables: [FunctionKeyStore.TableName, QueueFailures.TableName, BlobReceipts.TableName],
            containers: [TimerLease.Container, TimerStatus.Container]);
        services.AddHostedService<StorageInitializer>();

        // Read when first needed (host start), so tests can still add configuration after AddFunctionsCore.
        services.AddSingleton(provider => HostSettings.Read(provider.GetRequiredService<IConfiguration>()));
        services.AddLogging(logging => logging.AddConfiguration(configuration.GetSection(HostJson.Section + ":logging")));
        services.AddOptions<HostOptions>().Configure<HostSettings>((options, settings) =>
        {
            options.ShutdownTimeout = settings.ShutdownTimeout + TimeSpan.FromSeconds(5);
            // Queue listeners, scanners and timers stop receiving at once and drain side by side, within one timeout.
            options.ServicesStopConcurrently = true;
            // Kestrel starts listening while storage is created (StorageInitializer), not after it: a cold start answers
            // /api/health as soon as it can. The host counts as started once both are done.
            options.ServicesStartConcurrently = true;
        });

        AddTelemetry(services, configuration);

        services.AddOptions<FunctionKeyOptions>().BindConfiguration(FunctionKeyOptions.Section).ValidateOnStart();
        services.AddSingleton<FunctionKeyStore>();
        // First of the HTTP guards: a beneficiary's token is checked only for a caller with a valid key.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpFunctionGuard, FunctionKeyGuard>());
        services.AddDemoKey("staff", FunctionScopes.Staff);
        services.AddDemoKey("portal", FunctionScopes.Portal);

        services.AddSingleton<QueueSender>();
        services.AddSingleton<QueueFailures>();
        services.AddSingleton<BlobReceipts>();

        services.AddSingleton<TimerRunner>();
        services.AddOptions<RunsOptions>().BindConfiguration(RunsOptions.Section).ValidateOnStart();
        services.AddScoped<RunRequestHandler>();
        return services;
    }

    /// <summary>
    /// OpenTelemetry traces and metrics of the trigger layer (<see cref="FunctionsTelemetry"/>) and of ASP.NET Core and HttpClient
    /// (their built-in sources and meters). The console exporter is on only with <c>Hosting:Telemetry:Console=true</c>, so tests
    /// and run.sh are not flooded; in Azure Application Insights is added (traces, metrics and logs) when
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (infra/modules/functionapp.bicep sets it).
    /// </summary>
    private static void AddTelemetry(IServiceCollection services, IConfiguration configuration)
    {
        var console = bool.TryParse(configuration[HostSettings.HostingSection + ":Telemetry:Console"], out var on) && on;
        new AppTelemetry("medical-assistance-functions", [FunctionsTelemetry.Name, .. AppTelemetry.WebSources], [FunctionsTelemetry.Name, .. AppTelemetry.WebMeters], console)
            .AddTo(services, configuration);
    }

    public static IServiceCollection AddTriggerListeners(this IServiceCollection services)
    {
        services.AddHostedService<QueueListenerService>();
        services.AddHostedService<BlobArrivalService>();
        services.AddHostedService<TimerSchedulerService>();
        return services;
    }
}
