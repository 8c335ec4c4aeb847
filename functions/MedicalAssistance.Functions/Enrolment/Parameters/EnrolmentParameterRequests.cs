using Microsoft.Extensions.Options;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Policy.Identities;

using MedicalAssistance.Functions.OperatorData;

namespace MedicalAssistance.Functions.Enrolment.Parameters;

/// <summary>
/// <c>GET</c> and <c>PUT /api/enrolment-parameters/{profile}/{year}</c>, staff keys only: the operator parameters the
/// subsidised enrolment needs (policy-rules.md "Enrollment subsidy"; none has a built-in default). A PUT replaces the
/// year's parameters and queues the completion of the enrolments that were waiting for them.
/// </summary>
internal static class EnrolmentParameterRequests
{
    internal static async Task<IResult> GetAsync(string profile, int year, EnrolmentParameterStore store, CancellationToken cancellationToken)
    {
        if (ProfileYearRoute.Problem(profile, year) is { } problem)
        {
            return problem;
        }

        var parameters = await store.GetAsync(profile, year, cancellationToken);
        return parameters == EnrolmentParameters.Missing
            ? ApiProblem.Result(StatusCodes.Status404NotFound, "PARAMETERS_NOT_SET", $"{profile} {year}年度的资助参保参数尚未设置", $"No enrolment parameters are set for {profile} {year}.")
            : Results.Ok(parameters);
    }

    internal static async Task<IResult> PutAsync(string profile, int year, HttpContext context,
        EnrolmentParameterStore store, QueueSender sender, IOptions<EnrolmentParametersOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ProfileYearRoute.Problem(profile, year) is { } problem)
        {
            return problem;
        }

        var (parameters, malformed) = await JsonBody.ReadAsync<EnrolmentParameters>(context.Request, cancellationToken);
        if (malformed is not null)
        {
            return malformed;
        }

        if (parameters is null)
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, "PARAMETERS_EMPTY", "请求内容为空", "The request has no body.", "body");
        }

        var validation = await new EnrolmentParametersValidator(profile).ValidateAsync(parameters, cancellationToken);
        if (!validation.IsValid)
        {
            var first = validation.Errors[0];
            return ApiProblem.Result(StatusCodes.Status400BadRequest, first.ErrorCode, first.ErrorMessage, $"Invalid enrolment parameter '{first.PropertyName}'.", first.PropertyName);
        }

        await store.PutAsync(profile, year, parameters, cancellationToken);
        // After the write: the completion reads the stored values, so a retried or late message never uses stale ones.
        var setBy = context.GetFunctionCaller()?.Name ?? "";
        await sender.SendAsync(options.Value.ParametersQueue, new EnrolmentParametersSet(profile, year, setBy, time.GetUtcNow()), cancellationToken);
        return Results.Ok(parameters);
    }
}
