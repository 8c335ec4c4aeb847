using MedicalAssistance.Functions.Beneficiaries;
using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Enrolment.Parameters;
using MedicalAssistance.Functions.Health;
using MedicalAssistance.Functions.Housekeeping;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Reimbursements;
using MedicalAssistance.Functions.Rosters;
using MedicalAssistance.Functions.Rosters.Ledger;
using MedicalAssistance.Functions.Runs;
using MedicalAssistance.Functions.Runs.EnrolmentList;
using MedicalAssistance.Functions.Runs.Monitoring;
using MedicalAssistance.Functions.Simulate;
using MedicalAssistance.Hosting;
using MedicalAssistance.Hosting.Catalog;
using MedicalAssistance.Hosting.Storage;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions;

/// <summary>
/// The composition root: every feature, listed flat. <see cref="Build"/> serves them on the standalone host
/// (<see cref="StandaloneHost"/>); under the Functions host <c>Program</c> calls <see cref="AddFunctionsCore"/> itself.
/// Tests call <see cref="Build"/> directly with their own configuration and a free port.
/// </summary>
public static class FunctionsApp
{
    public const string DefaultUrl = StandaloneHost.DefaultUrl;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = StandaloneHost.CreateBuilder(args);
        builder.Services.AddFunctionsCore(builder.Configuration);
        configure?.Invoke(builder);
        return StandaloneHost.Build(builder);
    }

    /// <summary>
    /// Services shared by both hosts and the command line (seed-demo, run, simulate): the trigger layer, the functions this
    /// assembly declares, then each feature.
    /// </summary>
    public static IServiceCollection AddFunctionsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddFunctionsHosting(configuration);
        services.AddFunctions(typeof(FunctionsApp).Assembly);
        services.AddHealth();
        services.AddHousekeeping();
        services.AddSimulate();
        services.AddDepartments();
        services.AddPersons();
        services.AddRosterLedger();
        services.AddRosters();
        services.AddEnrolmentParameters();
        services.AddClaims();
        services.AddBeneficiaries();
        services.AddReimbursements();
        services.AddRuns();
        services.AddEnrolmentListRun();
        services.AddMonitoringRun();
        return services;
    }

    /// <summary>
    /// Every table, container and queue of the app, as seed-demo creates them: the names of appsettings.json (next to the app)
    /// and the environment, overridden by <paramref name="configuration"/>.
    /// </summary>
    public static StorageLayout StorageLayout(IConfiguration? configuration = null)
    {
        var settings = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables();
        if (configuration is not null)
        {
            settings.AddConfiguration(configuration);
        }

        configuration = settings.Build();
        var services = new ServiceCollection().AddSingleton(configuration);
        services.AddFunctionsCore(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<StorageLayout>>().Value;
    }
}
