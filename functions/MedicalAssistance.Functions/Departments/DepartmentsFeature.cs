using MedicalAssistance.Functions.Hosting;


namespace MedicalAssistance.Functions.Departments;

public static class DepartmentsFeature
{
    public static IServiceCollection AddDepartments(this IServiceCollection services)
    {
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
