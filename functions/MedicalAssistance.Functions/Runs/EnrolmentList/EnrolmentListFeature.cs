using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Timers;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Runs.EnrolmentList;

/// <summary>Run monthly-enrolment-list (<see cref="MonthlyEnrolmentListFunctions"/>). Needs the runs, persons and claims features.</summary>
public static class EnrolmentListFeature
{
    public static IServiceCollection AddEnrolmentListRun(this IServiceCollection services)
    {
        services.AddOptions<EnrolmentListOptions>().BindConfiguration(EnrolmentListOptions.Section);
        services.AddStorageTables<EnrolmentListOptions>(o => o.EnrolmentListingTable);
        services.AddSingleton(sp => new EnrolmentListingStore(sp.GetRequiredService<StorageAccount>(),
            sp.GetRequiredService<IOptions<EnrolmentListOptions>>().Value.EnrolmentListingTable));
        services.AddSingleton(sp => new Lazy<Persons.IdProtector>(sp.GetRequiredService<Persons.IdProtector>));
        services.AddSingleton<MonthlyEnrolmentList>();
        services.AddSingleton<MonthlyEnrolmentListTimer>();
        services.AddSingleton<ITimerPeriodRun>(sp => sp.GetRequiredService<MonthlyEnrolmentListTimer>());
        return services;
    }
}
