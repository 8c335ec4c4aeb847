namespace MedicalAssistance.Functions.Housekeeping;

public static class HousekeepingRegistration
{
    public static IServiceCollection AddHousekeeping(this IServiceCollection services)
    {
        services.AddOptions<HousekeepingOptions>().BindConfiguration(HousekeepingOptions.Section).ValidateOnStart();
        return services.AddScoped<ReceiptHousekeeping>();
    }
}
