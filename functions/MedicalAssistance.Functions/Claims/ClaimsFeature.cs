using MedicalAssistance.Functions.Claims.Parameters;
using MedicalAssistance.Functions.Hosting;
using MedicalAssistance.Functions.Persons;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// Claim settlement: intake, the person-profile ledgers, recomputation, settlement parameters (routes in
/// <see cref="ClaimEndpoints"/>, queue triggers in <see cref="ClaimQueueFunction"/>). Needs the persons feature (AddRosterLedger).
/// </summary>
public static class ClaimsFeature
{
    public static IServiceCollection AddClaims(this IServiceCollection services, IConfiguration configuration)
    {
        var queues = new ClaimQueueNames(configuration[ClaimQueueNames.ClaimsKey] ?? ClaimQueueNames.DefaultClaims,
            configuration[ClaimQueueNames.RecomputeKey] ?? ClaimQueueNames.DefaultRecompute);
        services.AddSingleton(queues);
        var claims = StorageLayout.ConfiguredTable(configuration, ClaimStore.TableKey, ClaimStore.TableName);
        var ledger = StorageLayout.ConfiguredTable(configuration, ClaimLedgerStore.LedgerTableKey, ClaimLedgerStore.LedgerTableName);
        var index = StorageLayout.ConfiguredTable(configuration, ClaimLedgerStore.IndexTableKey, ClaimLedgerStore.IndexTableName);
        var adjustments = StorageLayout.ConfiguredTable(configuration, ClaimLedgerStore.AdjustmentTableKey, ClaimLedgerStore.AdjustmentTableName);
        var parameters = StorageLayout.ConfiguredTable(configuration, SettlementParameterStore.TableKey, SettlementParameterStore.TableName);
        services.AddSingleton(sp => new ClaimStore(sp.GetRequiredService<StorageAccount>(), claims));
        services.AddSingleton(sp => new ClaimLedgerStore(sp.GetRequiredService<StorageAccount>(), ledger, index, adjustments));
        services.AddSingleton(sp => new SettlementParameterStore(sp.GetRequiredService<StorageAccount>(), parameters));
        services.AddSingleton<ClaimLedgerReconciler>();
        services.AddSingleton<ClaimRecomputation>();
        services.AddSingleton<IPersonChangeListener>(sp => sp.GetRequiredService<ClaimRecomputation>());
        services.AddSingleton<ClaimIntake>();
        services.AddSingleton<ClaimViews>();
        services.AddSingleton<SettlementParameterSetting>();
        services.AddQueueFunction<ClaimQueued, ClaimQueueFunction>(queues.Claims);
        services.AddQueueFunction<RecomputeRequest, ClaimQueueFunction>(queues.Recompute);
        return services;
    }
}
