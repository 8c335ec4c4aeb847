using MedicalAssistance.Functions.Beneficiaries.Records;
using MedicalAssistance.Functions.Beneficiaries.SignIn;
using MedicalAssistance.Functions.Beneficiaries.Sms;
using MedicalAssistance.Functions.Beneficiaries.Tokens;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Beneficiaries;

/// <summary>
/// Beneficiary sign-in and records. <see cref="ISmsSender"/> is the development outbox here; a deployment registers its SMS
/// gateway instead. <see cref="IBeneficiaryClaimRecords"/> is left to the claims feature (nothing registered: no claims yet).
/// </summary>
public static class BeneficiariesFeature
{
    public static IServiceCollection AddBeneficiaries(this IServiceCollection services)
    {
        services.AddOptions<BeneficiaryOptions>().BindConfiguration(BeneficiaryOptions.Section).ValidateOnStart();
        services.AddStorageTables<BeneficiaryOptions>(o => o.CodesTable);
        services.AddSingleton<BeneficiarySecrets>();
        services.AddSingleton<BeneficiaryTokens>();
        services.AddSingleton<IHttpFunctionGuard, BeneficiaryGuard>();
        services.AddSingleton<SignInCodeStore>();
        services.AddSingleton<SignInAddressLimiter>();
        services.AddSingleton<BeneficiarySignIn>();
        services.AddSingleton<ISmsSender, DevelopmentSmsOutbox>();
        services.AddScoped<SignInSmsHandler>();
        services.AddSingleton<BeneficiaryRecordsReader>();
        return services;
    }
}
