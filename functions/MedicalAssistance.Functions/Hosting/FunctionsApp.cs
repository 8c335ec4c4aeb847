using MedicalAssistance.Functions.Beneficiaries;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Enrolment.Parameters;
using MedicalAssistance.Functions.Health;
using MedicalAssistance.Functions.Housekeeping;
using MedicalAssistance.Functions.Reimbursements;
using MedicalAssistance.Functions.Rosters;
using MedicalAssistance.Functions.Simulate;
using MedicalAssistance.Functions.Rosters.Ledger;

namespace MedicalAssistance.Functions.Hosting;

/// <summary>
/// Builds the function app: an ASP.NET Core host with the trigger layer over Azure Storage (architecture.md §3).
/// Tests call <see cref="Build"/> directly with their own configuration and a free port.
/// </summary>
public static class FunctionsApp
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(Environment.GetEnvironmentVariable("FUNCTIONS_URL") ?? DefaultUrl);
        }

        builder.Configuration.AddHostJson(builder.Environment.ContentRootPath);
        builder.Services.AddFunctionsCore(builder.Configuration);
        builder.Services.AddTriggerListeners();
        configure?.Invoke(builder);

        var app = builder.Build();
        // Check host.json now: a wrong value stops start-up with a message naming the key (HostSettingsException).
        app.Services.GetRequiredService<HostSettings>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseFunctionKeys();

        var api = app.MapGroup("/api");
        api.MapHealth();
        api.MapSimulate();
        api.MapRuns();
        api.MapRosters();
        api.MapEnrolmentParameters();
        api.MapBeneficiaries();
        api.MapReimbursements();
        return app;
    }

    /// <summary>Services shared by the HTTP host and the command line (seed-demo, run, simulate).</summary>
    public static IServiceCollection AddFunctionsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new StorageAccount(configuration[StorageAccount.ConnectionStringKey]
            ?? throw new InvalidOperationException(
                $"Configuration '{StorageAccount.ConnectionStringKey}' (the storage connection string) is missing. "
                + "Set the environment variable AzureWebJobsStorage, or run ./run.sh which starts Azurite and sets it.")));
        services.AddHostedService<StorageInitializer>();
        services.AddFunctionsHosting(configuration);
        services.AddHousekeeping(configuration);
        services.AddSingleton<HealthCheckFunction>();
        services.AddSimulate(configuration);
        services.AddDepartments();
        services.AddRosterLedger(configuration);
        services.AddRosters(configuration);
        services.AddEnrolmentParameters(configuration);
        services.AddBeneficiaries(configuration);
        services.AddReimbursements(configuration);
        return services;
    }
}
