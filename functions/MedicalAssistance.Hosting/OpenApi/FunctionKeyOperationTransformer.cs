using MedicalAssistance.Hosting.Keys;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MedicalAssistance.Hosting.OpenApi;

/// <summary>Marks each operation whose function needs a key (<see cref="FunctionKeyAttribute"/>) with the key scheme and the scopes.</summary>
internal sealed class FunctionKeyOperationTransformer : IOpenApiOperationTransformer
{
    public const string Scheme = "functionKey";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var requirements = context.Description.ActionDescriptor.EndpointMetadata.OfType<FunctionKeyAttribute>().ToList();
        if (requirements.Count == 0)
        {
            operation.Description = Join(operation.Description, "Anonymous: no key needed.");
            return Task.CompletedTask;
        }

        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes.TryAdd(Scheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = FunctionKeyGuard.HeaderName,
            Description = "A function key (also accepted as ?code=). Keys carry scopes: staff, portal, department:<code>, facility:<code>.",
        });
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] });

        var scopes = requirements.Where(r => r.Scopes.Count > 0).Select(r => string.Join(" or ", r.Scopes)).ToList();
        operation.Description = Join(operation.Description, scopes.Count == 0
            ? "Key: any valid function key."
            : $"Key scopes: {string.Join("; and ", scopes)}.");
        return Task.CompletedTask;
    }

    private static string Join(string? description, string line) => string.IsNullOrEmpty(description) ? line : description + "\n\n" + line;
}
