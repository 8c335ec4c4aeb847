using Microsoft.AspNetCore.Http.Metadata;

namespace MedicalAssistance.Hosting.Http;

/// <summary>
/// The body an HTTP function reads itself (functions take <see cref="HttpRequest"/>), for the OpenAPI document:
/// <c>[RequestBody(typeof(ClaimsSubmission), "application/json", "text/csv")]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequestBodyAttribute(Type type, params string[] contentTypes) : Attribute, IAcceptsMetadata
{
    public IReadOnlyList<string> ContentTypes { get; } = contentTypes.Length > 0 ? contentTypes : ["application/json"];

    public Type? RequestType { get; } = type;

    public bool IsOptional { get; init; }
}
