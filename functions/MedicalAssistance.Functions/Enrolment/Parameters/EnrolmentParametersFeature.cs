using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Enrolment.Parameters;

/// <summary>Operator-set enrolment parameters: their store and the completion of the enrolments waiting for them (the API is in <see cref="EnrolmentParameterEndpoints"/>).</summary>
public static class EnrolmentParametersFeature
{
    public static IServiceCollection AddEnrolmentParameters(this IServiceCollection services)
    {
        services.AddOptions<EnrolmentParametersOptions>().BindConfiguration(EnrolmentParametersOptions.Section).ValidateOnStart();
        services.AddStorageTables<EnrolmentParametersOptions>(o => o.ParametersTable);
        services.AddSingleton(sp => new EnrolmentParameterStore(sp.GetRequiredService<StorageAccount>(),
            sp.GetRequiredService<IOptions<EnrolmentParametersOptions>>().Value.ParametersTable));
        services.AddScoped<AwaitingEnrolmentsCompletion>();
        return services;
    }
}
