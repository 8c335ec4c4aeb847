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
using MedicalAssistance.Functions.Runs.FundBudgets;
using MedicalAssistance.Functions.Simulate;
using MedicalAssistance.Hosting;
using MedicalAssistance.Hosting.Storage;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions;

/// <summary>
/// The composition root: every feature, listed flat, on the standalone host (<see cref="StandaloneHost"/>).
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
        return StandaloneHost.Build(builder, api =>
        {
            api.MapHealth();
            api.MapSimulate();
            api.MapRosters();
            api.MapEnrolmentParameters();
            api.MapClaims();
            api.MapBeneficiaries();
            api.MapReimbursements();
            api.MapRunReports();
            api.MapFundBudgets();
        });
    }

    /// <summary>Services shared by the HTTP host and the command line (seed-demo, run, simulate): the trigger layer, then each feature.</summary>
    public static IServiceCollection AddFunctionsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddFunctionsHosting(configuration);
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
        return services;
    }

    /// <summary>Every table, container and queue of the app under <paramref name="configuration"/> (default names when null), as seed-demo creates them.</summary>
    public static StorageLayout StorageLayout(IConfiguration? configuration = null)
    {
        configuration ??= new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddSingleton(configuration);
        services.AddFunctionsCore(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<StorageLayout>>().Value;
    }
}
