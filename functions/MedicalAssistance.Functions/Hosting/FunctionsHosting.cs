namespace MedicalAssistance.Functions.Hosting;

/// <summary>
/// The trigger layer's services. <see cref="AddFunctionsHosting"/> registers what both the HTTP host and the command line use
/// (settings, keys, queue sender, function registrations); <see cref="AddTriggerListeners"/> adds what only <c>serve</c> runs
/// (queue listeners, timer schedulers, blob scanners).
/// </summary>
public static class FunctionsHosting
{
    public static IServiceCollection AddFunctionsHosting(this IServiceCollection services, IConfiguration configuration)
    {
        // Read when first needed (host start), so tests can still add configuration after AddFunctionsCore.
        services.AddSingleton(provider => HostSettings.Read(provider.GetRequiredService<IConfiguration>()));
        services.AddLogging(logging => logging.AddConfiguration(configuration.GetSection(HostJson.Section + ":logging")));
        services.AddOptions<HostOptions>().Configure<HostSettings>((options, settings) =>
            options.ShutdownTimeout = settings.ShutdownTimeout + TimeSpan.FromSeconds(5));

        services.Configure<FunctionKeyOptions>(configuration.GetSection(FunctionKeyOptions.Section));
        services.AddSingleton<FunctionKeyStore>();
        services.AddDemoKey("staff", FunctionScopes.Staff);
        services.AddDemoKey("portal", FunctionScopes.Portal);

        services.AddSingleton<QueueSender>();
        services.AddSingleton<QueueFailures>();
        services.AddSingleton<BlobReceipts>();

        services.AddSingleton<TimerRunner>();
        var runsQueue = configuration[RunRequest.QueueNameKey] ?? RunRequest.DefaultQueueName;
        services.AddSingleton(new RunsQueueName(runsQueue));
        services.AddQueueFunction<RunRequest, RunRequestFunction>(runsQueue);
        return services;
    }

    public static IServiceCollection AddTriggerListeners(this IServiceCollection services)
    {
        services.AddHostedService<QueueListenerService>();
        services.AddHostedService<BlobArrivalService>();
        services.AddHostedService<TimerSchedulerService>();
        return services;
    }
}
