using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MedicalAssistance.Hosting.Catalog;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Hosting;

/// <summary>Integrators work from <c>/api/openapi.json</c>: every declared HTTP function is in it, with the key it needs.</summary>
public sealed partial class OpenApiDocumentTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_http_function_is_in_the_openapi_document_with_its_method_and_key_scopes()
    {
        await using var app = await RunningApp.StartAsync(FunctionsApp.Build(
            [.. RunningApp.LoopbackArgs, $"--{StorageAccount.ConnectionStringKey}={azurite.ConnectionString}", .. TestSecrets.Args]), Ct);
        using var http = app.CreateClient();

        using var response = await http.GetAsync(new Uri("api/openapi.json", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var paths = document.GetProperty("paths");

        var functions = FunctionCatalog.FromAssembly(typeof(FunctionsApp).Assembly).OfTrigger<HttpFunctionTrigger>().ToList();
        Assert.NotEmpty(functions);
        foreach (var (function, trigger) in functions)
        {
            // The document writes route parameters without their constraints: {year:int} → {year}.
            var path = "/api/" + Constraint().Replace(trigger.Route, "}");
            Assert.True(paths.TryGetProperty(path, out var item), $"{function.Name}: {path} is missing from the OpenAPI document");
            foreach (var method in trigger.Methods)
            {
                Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{function.Name}: {method} {path} is missing");
                Assert.Equal(function.Name, operation.GetProperty("operationId").GetString());
                var keyed = function.Attributes<MedicalAssistance.Hosting.Keys.FunctionKeyAttribute>().Any();
                Assert.Equal(keyed, operation.TryGetProperty("security", out _));
                if (keyed)
                {
                    Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{function.Name}: no 401 problem response");
                }
            }
        }

        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("functionKey", out var scheme));
        Assert.Equal("x-functions-key", scheme.GetProperty("name").GetString());
        var push = paths.GetProperty("/api/departments/{department}/rosters").GetProperty("post");
        Assert.Contains("department:{department} or staff", push.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(push.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }

    [GeneratedRegex(":[^}]+}")]
    private static partial Regex Constraint();
}
