using Microsoft.Extensions.Options;

namespace MedicalAssistance.Hosting.Storage;

/// <summary>
/// How a feature declares its storage: names come from its options (bound from configuration), so a test host or a second
/// environment in one account can use its own, e.g.
/// <c>services.AddStorageTables&lt;PersonStoreOptions&gt;(o =&gt; o.Table, o =&gt; o.ExemptionTable);</c>
/// </summary>
public static class StorageLayoutRegistration
{
    /// <summary>Fixed names (the trigger layer's own tables and containers).</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, string[]? tables = null, string[]? containers = null, string[]? queues = null)
    {
        services.AddOptions<StorageLayout>().Configure(layout =>
        {
            AddAll(layout.Tables, tables);
            AddAll(layout.Containers, containers);
            AddAll(layout.Queues, queues);
        });
        return services;
    }

    public static IServiceCollection AddStorageTables<TOptions>(this IServiceCollection services, params Func<TOptions, string>[] names)
        where TOptions : class => Add(services, names, layout => layout.Tables);

    public static IServiceCollection AddStorageContainers<TOptions>(this IServiceCollection services, params Func<TOptions, string>[] names)
        where TOptions : class => Add(services, names, layout => layout.Containers);

    public static IServiceCollection AddStorageQueues<TOptions>(this IServiceCollection services, params Func<TOptions, string>[] names)
        where TOptions : class => Add(services, names, layout => layout.Queues);

    private static IServiceCollection Add<TOptions>(IServiceCollection services, Func<TOptions, string>[] names, Func<StorageLayout, ISet<string>> set)
        where TOptions : class
    {
        services.AddOptions<StorageLayout>().Configure<IOptions<TOptions>>((layout, options) =>
            AddAll(set(layout), names.Select(name => name(options.Value))));
        return services;
    }

    private static void AddAll(ISet<string> set, IEnumerable<string>? names)
    {
        foreach (var name in names ?? [])
        {
            set.Add(name);
        }
    }
}
