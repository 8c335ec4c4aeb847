using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Rosters.Batches;
using MedicalAssistance.Functions.Rosters.Chunks;
using MedicalAssistance.Functions.Rosters.Http;
using MedicalAssistance.Hosting.BlobArrivals;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Rosters;

/// <summary>Roster intake (input side): one line each in FunctionsApp.</summary>
public static class RostersFeature
{
    public static IServiceCollection AddRosters(this IServiceCollection services)
    {
        services.AddOptions<RosterOptions>().BindConfiguration(RosterOptions.Section).ValidateOnStart();
        services.AddStorage(tables: [RosterBatchStore.BatchesTable, RosterBatchStore.EntriesTable]);
        services.AddStorageContainers<RosterOptions>(o => o.ReportsContainer);
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
        services.AddStorage(tables: [RosterChunkStore.Table]);
        services.AddStorageContainers<RosterOptions>(o => o.StagingContainer);
        // A file is split into chunks (person buckets) applied side by side, by any number of workers.
        services.AddScoped<RosterChunkHandler>();
        services.AddBlobArrivals<RosterOptions>(o => o.Container, prefix: null, o => o.Queue);
        services.AddScoped<RosterFileHandler>();
        // seed-demo prints a push key per demo department ("key meizhou-civil: …").
        foreach (var department in DemoDepartments.All)
        {
            services.AddDemoKey(department.Code, FunctionScopes.Department(department.Code));
        }

        return services;
    }
}
