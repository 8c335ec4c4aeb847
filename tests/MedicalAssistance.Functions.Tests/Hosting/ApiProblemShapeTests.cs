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
    public async Task A_request_while_storage_is_out_of_reach_answers_503_storage_unavailable_not_500()
    {
        await using var app = await FunctionsHost.StartAsync(AzuriteFixture.UnreachableConnectionString);
        using var http = app.CreateClient();
        // Well formed (16 hex digits, a dot, a secret): only the key table, out of reach, could say whether it is valid.
        http.DefaultRequestHeaders.Add(FunctionKeyGuard.HeaderName, "0123456789abcdef.not-checkable-while-storage-is-down");

        using var response = await http.GetAsync(new Uri("api/departments/meizhou-civil/rosters/b-1", UriKind.Relative), Ct);

        var (status, code, zh, _) = await ProblemAsync(response);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "STORAGE_UNAVAILABLE"), (status, code));
        Assert.Contains("存储服务暂时不可用", zh, StringComparison.Ordinal);
        Assert.Equal("10", response.Headers.GetValues("Retry-After").Single());
    }

    /// <summary>
    /// A body that trickles in at 10 bytes a second (issue 14 item 10) is cut off by Kestrel's minimum data rate (240 bytes/s
    /// after a 5 s grace) and answered 408 in the problem shape — not a 500, and not a connection held open for ever.
    /// </summary>
    [Fact]
    public async Task A_body_sent_at_ten_bytes_a_second_answers_408_in_the_problem_shape()
    {
        await using var app = await FunctionsHost.StartAsync(azurite.ConnectionString);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(app.BaseAddress.Host, app.BaseAddress.Port, Ct);
        await using var stream = tcp.GetStream();
        var body = Encoding.UTF8.GetBytes("{\"scenarios\":[" + new string(' ', 4000) + "]}");
        var head = $"POST /api/settlements/simulate HTTP/1.1\r\nHost: {app.BaseAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);

        // The slow client: 10 bytes a second, until the server answers (it reads the answer concurrently).
        var answer = ReadAnswerAsync(stream);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var trickle = Task.Run(async () =>
        {
            for (var offset = 0; offset < body.Length && !answer.IsCompleted; offset += 10)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(10, body.Length - offset)), sending.Token);
                await Task.Delay(TimeSpan.FromSeconds(1), sending.Token);
            }
        }, sending.Token);

        var response = await answer.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await sending.CancelAsync();
        await Task.WhenAny(trickle);

        Assert.StartsWith("HTTP/1.1 408", response, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", response, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"REQUEST_TIMEOUT\"", response, StringComparison.Ordinal);
    }

    /// <summary>Everything the server sends until it closes the connection (or a complete answer with its body).</summary>
    private static async Task<string> ReadAnswerAsync(System.Net.Sockets.NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, Ct);
            }
            catch (IOException)
            {
                break; // the server reset the connection after its answer
            }

            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
            var text = Encoding.UTF8.GetString(received.ToArray());
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal) && text.TrimEnd().EndsWith('}'))
            {
                break;
            }
        }

        return Encoding.UTF8.GetString(received.ToArray());
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
