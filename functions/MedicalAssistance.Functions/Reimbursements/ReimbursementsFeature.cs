using MedicalAssistance.Functions.Beneficiaries.Records;
using MedicalAssistance.Functions.Hosting;

namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>
/// Manual reimbursement (手工报销). <see cref="IManualClaimSubmission"/> is left to the claims feature: nothing registered here.
/// </summary>
public static class ReimbursementsFeature
{
    public static IServiceCollection AddReimbursements(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReimbursementOptions>().Bind(configuration.GetSection(ReimbursementOptions.Section));
        var options = configuration.GetSection(ReimbursementOptions.Section).Get<ReimbursementOptions>() ?? new ReimbursementOptions();
        StorageLayout.AddTable(options.Table);
        StorageLayout.AddContainer(options.Container);
        services.AddSingleton<ReimbursementStore>();
        services.AddSingleton<ReimbursementService>();
        services.AddSingleton<IBeneficiaryApplications, BeneficiaryApplicationsFromReimbursements>();
        services.AddQueueFunction<ReimbursementApproved, ManualClaimHandOverFunction>(options.Queue);
        return services;
    }
}
