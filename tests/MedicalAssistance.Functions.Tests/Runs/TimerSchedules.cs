using MedicalAssistance.Hosting.Catalog;
using MedicalAssistance.Hosting.Settings;
using MedicalAssistance.Hosting.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedicalAssistance.Functions.Tests.Runs;

/// <summary>When a run's timer function fires next, read as both hosts read it: its trigger's <c>%Runs:…%</c> setting, 6-field NCRONTAB, Asia/Shanghai.</summary>
internal static class TimerSchedules
{
    public static DateTimeOffset? NextOccurrence(Type functions, string setting, string schedule, DateTimeOffset after)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"Runs:{setting}"] = schedule }).Build();
        var registration = new ServiceCollection().AddSingleton<IConfiguration>(configuration)
            .AddFunctions(FunctionCatalog.FromTypes([functions])).BuildServiceProvider().GetRequiredService<TimerRegistration>();
        var runner = new TimerRunner([registration], [], null!, null!, HostSettings.Read(new ConfigurationBuilder().Build()), TimeProvider.System, NullLogger<TimerRunner>.Instance);
        return runner.NextOccurrence(registration, after);
    }
}
