namespace MedicalAssistance.Hosting.Http;

/// <summary>
/// The statuses an HTTP function answers with an <see cref="ApiProblem"/> (<c>application/problem+json</c>), for the OpenAPI
/// document: <c>[ProblemResponses(400, 404)]</c>. 401/403 are added from the function's key requirement.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ProblemResponsesAttribute(params int[] statuses) : Attribute
{
    public IReadOnlyList<int> Statuses { get; } = statuses;
}
