using MedicalAssistance.Functions.Hosting;
using MedicalAssistance.Functions.Rosters.Batches;
using MedicalAssistance.Functions.Rosters.Http;

namespace MedicalAssistance.Functions.Rosters;

/// <summary>Roster intake (issue 5, input side): one line each in FunctionsApp.</summary>
public static class RostersFeature
{
    public static IServiceCollection AddRosters(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RosterOptions>(configuration.GetSection(RosterOptions.Section));
        AddOnce(StorageLayout.Tables, RosterBatchStore.BatchesTable, RosterBatchStore.EntriesTable);
        AddOnce(StorageLayout.Containers, RosterFiles.Container, RosterFiles.ReportsContainer);
        AddOnce(StorageLayout.Queues, RosterFiles.Queue);
        services.AddSingleton<RosterBatchStore>();
        services.AddSingleton<RosterReportWriter>();
        services.AddSingleton<RosterFileFunction>();
        services.AddSingleton<RosterUploadFunction>();
        services.AddSingleton<RosterReportFunction>();
        return services;
    }

    // Tests build many apps in one process: register each name once.
    private static void AddOnce(List<string> names, params string[] added)
    {
        lock (names)
        {
            names.AddRange(added.Where(a => !names.Contains(a)));
        }
    }

    public static IEndpointRouteBuilder MapRosters(this IEndpointRouteBuilder api) => api.MapRosterEndpoints();
}
