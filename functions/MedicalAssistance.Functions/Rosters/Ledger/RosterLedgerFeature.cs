using MedicalAssistance.Functions.Rosters.Deadlines;

namespace MedicalAssistance.Functions.Rosters.Ledger;

public static class RosterLedgerFeature
{
    /// <summary>The effects side of roster intake: the identity ledger and the push deadlines (it needs persons and enrolment parameters).</summary>
    public static IServiceCollection AddRosterLedger(this IServiceCollection services)
    {
        services.AddSingleton<IRosterLedger, RosterLedger>();
        services.AddSingleton<IRosterDeadlines, RosterDeadlines>();
        return services;
    }
}
