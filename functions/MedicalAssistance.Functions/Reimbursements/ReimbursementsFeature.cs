using MedicalAssistance.Functions.Beneficiaries.Records;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>
/// Manual reimbursement (手工报销). <see cref="IManualClaimSubmission"/> is the claims feature's (it registers it); the claim's
/// settlement comes back through <see cref="ManualClaimSettled"/>.
/// </summary>
public static class ReimbursementsFeature
{
    public static IServiceCollection AddReimbursements(this IServiceCollection services)
    {
        services.AddOptions<ReimbursementOptions>().BindConfiguration(ReimbursementOptions.Section).ValidateOnStart();
        services.AddStorageTables<ReimbursementOptions>(o => o.Table);
        services.AddStorageContainers<ReimbursementOptions>(o => o.Container);
        services.AddSingleton<ReimbursementStore>();
        services.AddSingleton<ReimbursementService>();
        services.AddSingleton<IBeneficiaryApplications, BeneficiaryApplicationsFromReimbursements>();
        services.AddScoped<ManualClaimHandOver>();
        services.AddSingleton<Claims.IClaimSettledListener, ManualClaimSettled>();
        return services;
    }
}
