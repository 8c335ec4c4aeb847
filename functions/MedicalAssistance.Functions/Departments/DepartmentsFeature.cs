using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Departments;

public static class DepartmentsFeature
{
    public static IServiceCollection AddDepartments(this IServiceCollection services)
    {
        services.AddStorage(tables: [DepartmentStore.TableName]);
        services.AddSingleton(sp => new DepartmentStore(sp.GetRequiredService<StorageAccount>()));
        return services;
    }

    /// <summary>seed-demo: the demo departments (idempotent upserts).</summary>
    public static async Task<string> SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await DemoDepartments.SeedAsync(services.GetRequiredService<DepartmentStore>(), cancellationToken);
        return $"departments: {DemoDepartments.All.Count} demo departments";
    }
}
