using MedicalAssistance.Functions.Enrolment;
using MedicalAssistance.Functions.Hosting;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters.Deadlines;

namespace MedicalAssistance.Functions.Rosters.Ledger;

public static class RosterLedgerFeature
{
    /// <summary>The effects side of roster intake: the identity ledger (with persons and enrolment) and the push deadlines.</summary>
    public static IServiceCollection AddRosterLedger(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPersons(configuration);
        var parameters = StorageLayout.ConfiguredTable(configuration, EnrolmentParameterStore.TableKey, EnrolmentParameterStore.TableName);
        services.AddSingleton(sp => new EnrolmentParameterStore(sp.GetRequiredService<StorageAccount>(), parameters));
        services.AddSingleton<IRosterLedger, RosterLedger>();
        services.AddSingleton<IRosterDeadlines, RosterDeadlines>();
        return services;
    }
}
