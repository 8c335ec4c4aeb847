using MedicalAssistance.Policy.Simulation;

namespace MedicalAssistance.Functions.Simulate;

public static class SimulateFeature
{
    public static IServiceCollection AddSimulate(this IServiceCollection services)
    {
        services.AddOptions<SimulateRateLimitOptions>().BindConfiguration(SimulateRateLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<SimulateRateLimiter>();
        services.AddOptions<SimulateLimitsOptions>().BindConfiguration(SimulateLimitsOptions.Section);
        services.AddSingleton<SimulationService>();
        return services;
    }
}
