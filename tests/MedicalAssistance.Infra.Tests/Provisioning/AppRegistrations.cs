using System.Reflection;
using System.Runtime.ExceptionServices;
using MedicalAssistance.Functions;
using MedicalAssistance.Hosting;
using MedicalAssistance.Hosting.Catalog;
using MedicalAssistance.Hosting.Settings;
using MedicalAssistance.Hosting.Storage;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Infra.Tests.Provisioning;

/// <summary>
/// Composes the function app as its hosts do (<see cref="FunctionsApp.AddFunctionsCore"/>) over a configuration that records
/// what is read, resolves every options type of the app and the trigger layer, the host settings and the storage account,
/// resolves each declared trigger's <c>%setting%</c> (<see cref="FunctionCatalog"/>, <see cref="AppSettingReference"/>), and
/// takes the storage names from <see cref="FunctionsApp.StorageLayout"/>. This is the one place that knows where the app
/// declares what it reads: when registrations move, point this class at them.
/// </summary>
public static class AppRegistrations
{
    private static readonly Assembly[] AppAssemblies = [typeof(FunctionsApp).Assembly, typeof(FunctionsHosting).Assembly];

    public static AppReads Compose(IReadOnlyDictionary<string, string?> settings)
    {
        var recording = new RecordingConfigurationProvider(settings);
        var configuration = new ConfigurationBuilder().Add(recording).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddFunctionsCore(configuration);

        using (var provider = services.BuildServiceProvider())
        {
            var optionTypes = services
                .Select(d => d.ServiceType)
                .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
                .Select(t => t.GetGenericArguments()[0])
                .Where(t => AppAssemblies.Contains(t.Assembly))
                .Distinct();
            foreach (var type in optionTypes)
            {
                var options = provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
                try
                {
                    _ = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    ExceptionDispatchInfo.Throw(e.InnerException);
                }
            }

            provider.GetRequiredService<HostSettings>();
            provider.GetRequiredService<StorageAccount>();
        }

        // Each trigger's %setting% resolved as both hosts resolve it: a setting that is not set throws, naming it.
        var catalog = FunctionCatalog.FromAssembly(typeof(FunctionsApp).Assembly);
        var queues = new SortedSet<string>(StringComparer.Ordinal);
        var schedules = new List<(string Timer, string Declared, string Schedule)>();
        foreach (var (function, trigger) in catalog.OfTrigger<QueueFunctionTrigger>())
        {
            queues.Add(AppSettingReference.Resolve(trigger.QueueName, configuration, function.Name));
        }

        foreach (var (function, trigger) in catalog.OfTrigger<TimerFunctionTrigger>())
        {
            schedules.Add((function.Name, trigger.Schedule, AppSettingReference.Resolve(trigger.Schedule, configuration, function.Name)));
        }

        var layout = FunctionsApp.StorageLayout(configuration);
        var keys = recording.Reads
            .Where(k => !k.StartsWith(HostJson.Section + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return new AppReads(
            keys,
            keys.ToDictionary(k => k, k => configuration[k], StringComparer.OrdinalIgnoreCase),
            [.. layout.Queues],
            [.. queues],
            [.. layout.Containers],
            [.. layout.Tables],
            schedules);
    }
}
