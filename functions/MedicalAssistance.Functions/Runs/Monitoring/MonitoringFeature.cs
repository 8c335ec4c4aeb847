using MedicalAssistance.Functions.Claims.Parameters;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Timers;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Runs.Monitoring;

/// <summary>
/// Run monthly-monitoring (<see cref="MonthlyMonitoringFunctions"/>) and its operator thresholds (<see cref="MonitoringThresholdHttpFunctions"/>).
/// Needs the runs, persons and claims features.
/// </summary>
public static class MonitoringFeature
{
    public static IServiceCollection AddMonitoringRun(this IServiceCollection services)
    {
        services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.Section);
        services.AddStorageTables<MonitoringOptions>(o => o.MonitoringAlertTable, o => o.MonitoringThresholdTable);
        services.AddSingleton(sp => new MonitoringAlertStore(sp.GetRequiredService<StorageAccount>(), Options(sp).MonitoringAlertTable));
        services.AddSingleton(sp => new MonitoringThresholdStore(new SettlementParameterStore(sp.GetRequiredService<StorageAccount>(), Options(sp).MonitoringThresholdTable)));
        services.AddSingleton<MonthlyMonitoring>();
        services.AddSingleton<MonthlyMonitoringTimer>();
        services.AddSingleton<ITimerPeriodRun>(sp => sp.GetRequiredService<MonthlyMonitoringTimer>());
        return services;
    }

    private static MonitoringOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<MonitoringOptions>>().Value;
}
