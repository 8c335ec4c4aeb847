using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace MedicalAssistance.Hosting.OpenApi;

/// <summary>
/// The OpenAPI document integrators work from (<c>/api/openapi.json</c>): every HTTP function, described from its declaration
/// (route, parameters, <c>[RequestBody]</c>, <c>[ProducesResponseType]</c>, <c>[ProblemResponses]</c>) with the function key
/// and scopes it needs (<see cref="FunctionKeyOperationTransformer"/>). In development a browsable reference at <c>/api/docs</c>.
/// </summary>
public static class ApiDocument
{
    public const string Route = "/api/openapi.json";
    public const string ReferenceRoute = "/api/docs";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "医疗救助 Medical assistance API",
                    Version = "v1",
                    Description = "Rosters from departments, claims from facilities, the beneficiary portal and staff operations. "
                        + "Errors are RFC 7807 problem details with a stable `code`, the `field` at fault, `messageZh` and `messageEn`. "
                        + "Keys: header `x-functions-key` (or `?code=`); each operation names the scopes its key must grant.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer<FunctionKeyOperationTransformer>();
        });

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi(Route);
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference(ReferenceRoute, options => options.WithOpenApiRoutePattern(Route).WithTitle("医疗救助 API"));
        }

        return app;
    }
}
