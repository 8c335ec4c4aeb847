namespace MedicalAssistance.Functions.Health;

public static class HealthFeature
{
    public static IServiceCollection AddHealth(this IServiceCollection services) =>
        services.AddSingleton<HealthProbe>().AddHostedService<HealthWarmUp>();
}
