using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Storage;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.CommandLine;

/// <summary>
/// <c>seed-demo</c>: creates every table, container and queue, then loads the demo data of each feature that has some.
/// Idempotent: running it twice leaves the same state. The demo is loaded by <see cref="DemoHistoryClock"/>. <c>--no-demo</c> only creates storage.
/// </summary>
internal static class SeedDemoCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var withDemo = !args.Contains("--no-demo");
        // The demo data is loaded as of last month (DemoHistoryClock): its enrolments belong to a month that has ended.
        using var host = CommandHost.Build([.. args.Where(a => a != "--no-demo")],
            services => services.AddSingleton<TimeProvider>(DemoHistoryClock.LastMonth(TimeProvider.System)));
        var storage = host.Services.GetRequiredService<StorageAccount>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));

        var layout = host.Services.GetRequiredService<IOptions<StorageLayout>>().Value;
        await layout.EnsureCreatedAsync(storage, cancel.Token);
        await output.WriteLineAsync($"storage: {layout.Tables.Count} tables, {layout.Containers.Count} containers, {layout.Queues.Count} queues");
        if (withDemo)
        {
            await output.WriteLineAsync(await DepartmentsFeature.SeedDemoAsync(host.Services, cancel.Token));
            // Before the rosters: their new beneficiaries' enrolments read the year's parameters.
            await output.WriteLineAsync(await Enrolment.Parameters.DemoEnrolmentParameters.SeedAsync(host.Services, cancel.Token));
            await output.WriteLineAsync(await Rosters.Demo.DemoRosters.SeedAsync(host.Services, cancel.Token));
            // After the rosters (the demo claims' people) and their settlement parameters; settled before the host starts.
            await output.WriteLineAsync(await Claims.Parameters.DemoSettlementParameters.SeedAsync(host.Services, cancel.Token));
            await output.WriteLineAsync(await Runs.Monitoring.DemoMonitoringThresholds.SeedAsync(host.Services, cancel.Token));
            foreach (var line in await Claims.DemoClaims.SeedAsync(host.Services, cancel.Token))
            {
                await output.WriteLineAsync(line);
            }

            await output.WriteLineAsync(await Runs.Yearly.DemoFundBudgets.SeedAsync(host.Services, cancel.Token));

            // Demo people only (synthetic ID numbers): who can sign in to the portal locally, one per profile.
            foreach (var (profile, idNumber, name) in Rosters.Demo.DemoRosters.SignInPeople())
            {
                await output.WriteLineAsync($"person {profile}: {idNumber} {name}");
            }

            // Local keys for every caller a feature registered with services.AddDemoKey(...).
            var keys = host.Services.GetRequiredService<FunctionKeyStore>();
            foreach (var demoKey in host.Services.GetServices<DemoKey>())
            {
                await DemoKeys.RecreateAsync(keys, demoKey, output, cancel.Token);
            }
        }

        return FunctionsCommandLine.ExitOk;
    }
}
