using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Hosting;
using MedicalAssistance.Functions.Rosters.Batches;
using MedicalAssistance.Functions.Rosters.Chunks;
using MedicalAssistance.Functions.Rosters.Http;

namespace MedicalAssistance.Functions.Rosters;

/// <summary>Roster intake (issue 5, input side): one line each in FunctionsApp.</summary>
public static class RostersFeature
{
    public static IServiceCollection AddRosters(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RosterOptions>(configuration.GetSection(RosterOptions.Section));
        services.AddSingleton(sp => new RosterBatchStore(sp.GetRequiredService<StorageAccount>()));
        services.AddSingleton<RosterReportWriter>();
        services.AddSingleton<RosterIngest>();
        services.AddSingleton(sp => new RosterChunkStore(sp.GetRequiredService<StorageAccount>()));
        services.AddSingleton<RosterBatchCompletion>();
        services.AddSingleton<RosterChunkApplier>();
        services.AddSingleton<RosterUploadReceiver>();
        services.AddSingleton<RosterBatchReportReader>();
        // Files dropped into rosters/ (and HTTP uploads, stored there too) each become one message on roster-files.
        // Names are configurable so that test hosts sharing one Azurite never handle each other's files.
        var names = new RosterOptions();
        configuration.GetSection(RosterOptions.Section).Bind(names);
        StorageLayout.AddContainer(names.ReportsContainer);
        StorageLayout.AddContainer(names.StagingContainer);
        StorageLayout.AddTable(RosterChunkStore.Table);
        // A file is split into chunks (person buckets) applied side by side, by any number of workers.
        services.AddQueueFunction<RosterChunkMessage, RosterChunkQueueFunction>(names.ChunkQueue);
        services.AddBlobArrivals(names.Container, prefix: null, names.Queue);
        services.AddQueueFunction<BlobCreatedEvent, RosterFileQueueFunction>(names.Queue);
        // seed-demo prints a push key per demo department ("key meizhou-civil: …").
        foreach (var department in DemoDepartments.All)
        {
            services.AddDemoKey(department.Code, FunctionScopes.Department(department.Code));
        }

        return services;
    }

    public static IEndpointRouteBuilder MapRosters(this IEndpointRouteBuilder api) => api.MapRosterEndpoints();
}
