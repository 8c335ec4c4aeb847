using MedicalAssistance.Hosting.Catalog;
using MedicalAssistance.Hosting.Keys;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace MedicalAssistance.Hosting.Http;

/// <summary>Endpoint metadata derived from a function's attributes: its problem responses, including 401/403 of a key requirement.</summary>
internal static class HttpFunctionMetadata
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    public static IEnumerable<object> Expand(FunctionDescriptor function)
    {
        var statuses = new SortedSet<int>(function.Attributes<ProblemResponsesAttribute>().SelectMany(a => a.Statuses));
        if (function.Attributes<FunctionKeyAttribute>().Any())
        {
            statuses.Add(StatusCodes.Status401Unauthorized);
            statuses.Add(StatusCodes.Status403Forbidden);
        }

        return statuses.Select(status => new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ProblemJson));
    }
}
