using MedicalAssistance.Functions.Hosting;

namespace MedicalAssistance.Functions.Enrolment.Parameters;

/// <summary>The queue the completion of waiting enrolments listens on (<c>Enrolment:ParametersQueue</c>; tests use their own).</summary>
public sealed record EnrolmentParametersQueueName(string Name)
{
    public const string Key = "Enrolment:ParametersQueue";
    public const string Default = "enrolment-parameters";
}

/// <summary>Operator-set enrolment parameters: the completion of the enrolments waiting for them (the API is in <see cref="EnrolmentParameterEndpoints"/>).</summary>
public static class EnrolmentParametersFeature
{
    public static IServiceCollection AddEnrolmentParameters(this IServiceCollection services, IConfiguration configuration)
    {
        var queue = new EnrolmentParametersQueueName(configuration[EnrolmentParametersQueueName.Key] ?? EnrolmentParametersQueueName.Default);
        services.AddSingleton(queue);
        services.AddQueueFunction<EnrolmentParametersSet, AwaitingEnrolmentsCompletion>(queue.Name);
        return services;
    }
}
