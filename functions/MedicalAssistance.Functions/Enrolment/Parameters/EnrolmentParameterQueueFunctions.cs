using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Enrolment.Parameters;

public sealed class EnrolmentParameterQueueFunctions(AwaitingEnrolmentsCompletion completion)
{
    /// <summary>A year's enrolment parameters were set: complete the enrolments that waited for them.</summary>
    [Function("EnrolmentParametersSet")]
    public Task EnrolmentParametersSet([QueueTrigger("%Enrolment:ParametersQueue%")] EnrolmentParametersSet message, CancellationToken cancellationToken) =>
        completion.RunAsync(message, cancellationToken);
}
