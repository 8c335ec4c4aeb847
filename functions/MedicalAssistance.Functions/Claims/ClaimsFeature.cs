using MedicalAssistance.Functions.Claims.Parameters;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using Microsoft.Extensions.Options;
using MedicalAssistance.Functions.Persons;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// Claim settlement: intake, the person-profile ledgers, recomputation, settlement parameters (functions in
/// <see cref="ClaimHttpFunctions"/> and <see cref="ClaimQueueFunctions"/>). Needs the persons feature (AddRosterLedger).
/// </summary>
public static class ClaimsFeature
{
    public static IServiceCollection AddClaims(this IServiceCollection services)
    {
        services.AddOptions<ClaimsOptions>().BindConfiguration(ClaimsOptions.Section).ValidateOnStart();
        services.AddStorageTables<ClaimsOptions>(o => o.Table, o => o.LedgerTable, o => o.IndexTable, o => o.AdjustmentTable, o => o.ParametersTable);
        services.AddSingleton(sp => new ClaimQueueNames(Options(sp).Queue, Options(sp).RecomputeQueue));
        services.AddSingleton(sp => new ClaimStore(sp.GetRequiredService<StorageAccount>(), Options(sp).Table));
        services.AddSingleton(sp => new ClaimLedgerStore(sp.GetRequiredService<StorageAccount>(), Options(sp).LedgerTable, Options(sp).IndexTable, Options(sp).AdjustmentTable));
        services.AddSingleton(sp => new SettlementParameterStore(sp.GetRequiredService<StorageAccount>(), Options(sp).ParametersTable));
        services.AddSingleton<ClaimLedgerReconciler>();
        services.AddSingleton<ClaimRecomputation>();
        services.AddSingleton<IPersonChangeListener>(sp => sp.GetRequiredService<ClaimRecomputation>());
        services.AddSingleton<ClaimIntake>();
        services.AddSingleton<ClaimViews>();
        // The portal's claim sections of 我的记录 (Beneficiaries/Records reads them through this seam).
        services.AddSingleton<Beneficiaries.Records.IBeneficiaryClaimRecords, ClaimBeneficiaryRecords>();
        services.AddSingleton<SettlementParameterSetting>();
        services.AddScoped<ClaimQueueHandler>();
        services.AddSingleton<Reimbursements.IManualClaimSubmission, ManualClaimIntake>();
        return services;
    }

    private static ClaimsOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<ClaimsOptions>>().Value;
}
