using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Enrolment.Parameters;

/// <summary><c>GET</c> and <c>PUT /api/enrolment-parameters/{profile}/{year}</c> (staff): see <see cref="EnrolmentParameterRequests"/>.</summary>
[FunctionKey(FunctionScopes.Staff)]
public sealed class EnrolmentParameterHttpFunctions(EnrolmentParameterStore store, QueueSender sender, IOptions<EnrolmentParametersOptions> options, TimeProvider time)
{
    [Function("GetEnrolmentParameters")]
    [ProducesResponseType<EnrolmentParameters>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetEnrolmentParameters(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "enrolment-parameters/{profile}/{year}")] HttpRequest request,
        string profile, int year, CancellationToken cancellationToken) =>
        EnrolmentParameterRequests.GetAsync(profile, year, store, cancellationToken).ToActionResult();

    [Function("PutEnrolmentParameters")]
    [RequestBody(typeof(EnrolmentParameters), "application/json")]
    [ProducesResponseType<EnrolmentParameters>(StatusCodes.Status200OK)]
    [ProblemResponses(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status415UnsupportedMediaType)]
    public Task<IActionResult> PutEnrolmentParameters(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "enrolment-parameters/{profile}/{year}")] HttpRequest request,
        string profile, int year, CancellationToken cancellationToken) =>
        EnrolmentParameterRequests.PutAsync(profile, year, request.HttpContext, store, sender, options, time, cancellationToken).ToActionResult();
}
