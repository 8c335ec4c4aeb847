using System.Reflection;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Timers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedicalAssistance.Hosting.Catalog;

public static class FunctionRegistrations
{
    /// <summary>The functions declared in <paramref name="assembly"/> (the app's).</summary>
    public static IServiceCollection AddFunctions(this IServiceCollection services, Assembly assembly) =>
        services.AddFunctions(FunctionCatalog.FromAssembly(assembly));

    /// <summary>
    /// Registers <paramref name="catalog"/>: the standalone host's queue listeners and timers are made from it, its queues
    /// (and their <c>-poison</c> twins) join the <see cref="StorageLayout"/>, and the function key guard checks its HTTP functions.
    /// </summary>
    public static IServiceCollection AddFunctions(this IServiceCollection services, FunctionCatalog catalog)
    {
        services.AddSingleton(catalog);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpFunctionGuard, FunctionKeyGuard>());
        foreach (var (function, trigger) in catalog.OfTrigger<QueueFunctionTrigger>())
        {
            services.AddSingleton(provider => QueueFunctions.Register(function, trigger, provider.GetRequiredService<IConfiguration>()));
        }

        foreach (var (function, trigger) in catalog.OfTrigger<TimerFunctionTrigger>())
        {
            services.AddSingleton(provider => TimerFunctions.Register(function, trigger, provider.GetRequiredService<IConfiguration>()));
        }

        services.AddOptions<StorageLayout>().Configure<IConfiguration>((layout, configuration) =>
        {
            foreach (var (function, trigger) in catalog.OfTrigger<QueueFunctionTrigger>())
            {
                var queue = AppSettingReference.Resolve(trigger.QueueName, configuration, function.Name);
                // A function on a poison queue (to close its work item as failed) listens to a queue that exists with its twin.
                layout.Queues.Add(queue.EndsWith(StorageLayout.PoisonSuffix, StringComparison.Ordinal) ? queue[..^StorageLayout.PoisonSuffix.Length] : queue);
            }
        });
        return services;
    }
}
