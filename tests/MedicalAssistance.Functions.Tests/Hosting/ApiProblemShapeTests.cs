using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalAssistance.Functions.Tests.Hosting;

/// <summary>Every error follows the API's problem shape (code, messageZh, messageEn), and every answer carries the security headers.</summary>
public sealed class ApiProblemShapeTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, string? Code, string? Zh, string? Field)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (response.StatusCode, body.GetProperty("code").GetString(), body.GetProperty("messageZh").GetString(),
            body.TryGetProperty("field", out var field) ? field.GetString() : null);
    }

    [Fact]
    public async Task Unknown_routes_wrong_methods_and_malformed_requests_answer_in_the_problem_shape()
    {
        await using var app = await FunctionsHost.StartAsync(azurite.ConnectionString);
        using var http = app.CreateClient();
        var staff = await app.Services.GetRequiredService<FunctionKeyStore>().CreateAsync(AzuriteFixture.UniqueName("staff"), [FunctionScopes.Staff], Ct);
        http.DefaultRequestHeaders.Add(FunctionKeyGuard.HeaderName, staff);

        using (var unknown = await http.GetAsync(new Uri("api/no-such-route", UriKind.Relative), Ct))
        {
            var (status, code, zh, _) = await ProblemAsync(unknown);
            Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), (status, code));
            Assert.False(string.IsNullOrEmpty(zh));
        }

        using (var method = await http.DeleteAsync(new Uri("api/health", UriKind.Relative), Ct))
        {
            var methodProblem = await ProblemAsync(method);
            Assert.Equal((HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED"), (methodProblem.Status, methodProblem.Code));
        }

        using (var year = await http.GetAsync(new Uri("api/enrolment-parameters/meizhou-2025/99999999999999", UriKind.Relative), Ct))
        {
            var (status, code, _, field) = await ProblemAsync(year);
            Assert.Equal((HttpStatusCode.BadRequest, "ROUTE_VALUE_INVALID", "year"), (status, code, field));
        }

        using (var bracket = await http.PutAsync(new Uri("api/enrolment-parameters/meizhou-2025/2026", UriKind.Relative), new StringContent("[", Encoding.UTF8, "application/json"), Ct))
        {
            var bracketProblem = await ProblemAsync(bracket);
            Assert.Equal((HttpStatusCode.BadRequest, "MALFORMED_JSON"), (bracketProblem.Status, bracketProblem.Code));
        }

        using (var text = await http.PutAsync(new Uri("api/enrolment-parameters/meizhou-2025/2026", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "text/plain"), Ct))
        {
            var textProblem = await ProblemAsync(text);
            Assert.Equal((HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE"), (textProblem.Status, textProblem.Code));
        }
    }

    [Fact]
    public async Task Every_api_answer_carries_the_security_headers()
    {
        await using var app = await FunctionsHost.StartAsync(azurite.ConnectionString);
        using var http = app.CreateClient();

        foreach (var path in new[] { "api/health", "api/no-such-route", "api/claims/X-1" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
    }
}
