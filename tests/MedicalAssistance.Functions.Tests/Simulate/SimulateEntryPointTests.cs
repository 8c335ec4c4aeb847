using System.Net;
using System.Text;
using System.Text.Json;
using MedicalAssistance.Functions.Simulate;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Simulate;

/// <summary>
/// The <c>simulate</c> command and <c>POST /api/settlements/simulate</c> are two doors to one function: same bytes for
/// the same body, 400 / exit 2 for an invalid scenario, and the endpoint is rate limited per client address.
/// </summary>
public sealed class SimulateEntryPointTests(AzuriteFixture azurite)
{
    private static readonly string GoldenPath = Path.Combine(RepositoryPaths.Docs, "golden", "public-cases.json");

    [Fact]
    public async Task Command_and_endpoint_return_the_same_bytes_for_every_public_golden_case()
    {
        await using var host = await FunctionsHost.StartAsync(azurite.ConnectionString, b => b.Configuration["Simulate:RateLimit:PermitLimit"] = "1000");
        using var http = host.CreateClient();
        var cases = GoldenScenarios();
        Assert.NotEmpty(cases);

        foreach (var (name, scenario, expectsError) in cases)
        {
            var (exitCode, commandOutput) = await RunCommandAsync(scenario);
            using var response = await PostAsync(http, scenario);
            var httpOutput = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.True(commandOutput == httpOutput, $"{name}: command and endpoint differ\n{commandOutput}\n{httpOutput}");
            Assert.Equal(expectsError ? SimulateCommand.ExitInvalidScenario : 0, exitCode);
            Assert.Equal(expectsError ? HttpStatusCode.BadRequest : HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_batch_of_all_golden_scenarios_is_one_array_with_200_and_exit_0_even_with_invalid_elements()
    {
        await using var host = await FunctionsHost.StartAsync(azurite.ConnectionString);
        using var http = host.CreateClient();
        var cases = GoldenScenarios();
        var batch = "[" + string.Join(",", cases.Select(c => c.Scenario)) + "]";

        var (exitCode, commandOutput) = await RunCommandAsync(batch);
        using var response = await PostAsync(http, batch);
        var httpOutput = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(commandOutput, httpOutput);
        using var results = JsonDocument.Parse(httpOutput);
        var elements = results.RootElement.EnumerateArray().ToList();
        Assert.Equal(cases.Count, elements.Count);
        for (var i = 0; i < cases.Count; i++)
        {
            Assert.Equal(cases[i].ExpectsError, elements[i].TryGetProperty("error", out _));
        }
    }

    [Fact]
    public async Task An_invalid_scenario_gives_400_over_http_and_exit_code_2_on_the_command_line()
    {
        await using var host = await FunctionsHost.StartAsync(azurite.ConnectionString);
        using var http = host.CreateClient();
        const string scenario = """
            { "profile": "tumxuk-2025", "person": { "id": "P1", "birthDate": "1990-01-15", "insurance": "resident", "identities": [] },
              "claims": [ { "id": "c1", "kind": "inpatient", "admission": "2025-08-20", "discharge": "2025-08-19", "policyScopeSelfPay": 1 } ] }
            """;

        var (exitCode, commandOutput) = await RunCommandAsync(scenario);
        using var response = await PostAsync(http, scenario);

        Assert.Equal(SimulateCommand.ExitInvalidScenario, exitCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(commandOutput, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var error = JsonDocument.Parse(commandOutput);
        Assert.Equal("claims[0].discharge", error.RootElement.GetProperty("error").GetProperty("field").GetString());
        Assert.Equal("DISCHARGE_BEFORE_ADMISSION", error.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_400_and_exit_2_with_field_dollar()
    {
        await using var host = await FunctionsHost.StartAsync(azurite.ConnectionString);
        using var http = host.CreateClient();

        var (exitCode, commandOutput) = await RunCommandAsync("{\"profile\": ");
        using var response = await PostAsync(http, "{\"profile\": ");

        Assert.Equal(SimulateCommand.ExitInvalidScenario, exitCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"MALFORMED_JSON\"", commandOutput, StringComparison.Ordinal);
        Assert.Equal(commandOutput, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_amount_that_would_overflow_is_400_AMOUNT_TOO_LARGE_and_exit_2()
    {
        await using var host = await FunctionsHost.StartAsync(azurite.ConnectionString);
        using var http = host.CreateClient();
        const string scenario = """
            { "profile": "tumxuk-2025", "person": { "id": "P1", "birthDate": "1990-01-15", "insurance": "resident",
                "identities": [ { "type": "DIBAO", "start": "2025-01-01" } ] },
              "claims": [ { "id": "c1", "kind": "outpatient", "admission": "2025-08-20", "policyScopeSelfPay": 79228162514264337593543950335 } ] }
            """;

        var (exitCode, commandOutput) = await RunCommandAsync(scenario);
        using var response = await PostAsync(http, scenario);

        Assert.Equal(SimulateCommand.ExitInvalidScenario, exitCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(commandOutput, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var error = JsonDocument.Parse(commandOutput);
        Assert.Equal("claims[0].policyScopeSelfPay", error.RootElement.GetProperty("error").GetProperty("field").GetString());
        Assert.Equal("AMOUNT_TOO_LARGE", error.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_too_many_scenarios_400_the_largest_accepted_is_200()
    {
        await using var host = await FunctionsHost.StartAsync(azurite.ConnectionString, b =>
        {
            b.Configuration["Simulate:Limits:MaxBodyBytes"] = "200000";
            b.Configuration["Simulate:Limits:MaxScenariosPerRequest"] = "100";
        });
        using var http = host.CreateClient();
        const string scenario = """
            { "profile": "tumxuk-2025", "person": { "id": "P1", "birthDate": "1990-01-15", "insurance": "resident",
                "identities": [ { "type": "DIBAO", "start": "2025-01-01" } ] },
              "claims": [ { "id": "c1", "kind": "outpatient", "admission": "2025-08-20", "policyScopeSelfPay": 1200 } ] }
            """;
        var hundred = "[" + string.Join(",", Enumerable.Repeat(scenario, 100)) + "]";
        var hundredAndOne = "[" + string.Join(",", Enumerable.Repeat(scenario, 101)) + "]";
        var huge = "[" + string.Join(",", Enumerable.Repeat(scenario, 200_000 / scenario.Length + 1)) + "]";
        Assert.True(Encoding.UTF8.GetByteCount(hundredAndOne) < 200_000, "the scenario count must be what is refused");

        using var accepted = await PostAsync(http, hundred);
        using var tooMany = await PostAsync(http, hundredAndOne);
        using var tooLarge = await PostAsync(http, huge);
        var (exitCode, _) = await RunCommandAsync("[" + string.Join(",", Enumerable.Repeat(scenario, 1001)) + "]");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("\"TOO_MANY_SCENARIOS\"", await tooMany.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("\"BODY_TOO_LARGE\"", await tooLarge.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(SimulateCommand.ExitInvalidScenario, exitCode);
    }

    [Fact]
    public async Task Past_the_rate_limit_the_endpoint_answers_429_with_retry_after()
    {
        await using var host = await FunctionsHost.StartAsync(azurite.ConnectionString, b =>
        {
            b.Configuration["Simulate:RateLimit:PermitLimit"] = "2";
            b.Configuration["Simulate:RateLimit:WindowSeconds"] = "3600";
        });
        using var http = host.CreateClient();
        var scenario = GoldenScenarios()[0].Scenario;

        using var first = await PostAsync(http, scenario);
        using var second = await PostAsync(http, scenario);
        using var third = await PostAsync(http, scenario);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter?.Delta);
        Assert.InRange(third.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3600));
    }

    [Fact]
    public async Task The_command_reads_a_file_and_reports_a_missing_one()
    {
        var scenario = GoldenScenarios()[0].Scenario;
        var file = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, scenario, TestContext.Current.CancellationToken);
        try
        {
            var (fromStdin, stdinOutput) = await RunCommandAsync(scenario);
            using var output = new StringWriter();
            using var error = new StringWriter();
            var fromFile = await SimulateCommand.RunAsync([file], Stream.Null, output, error, TestContext.Current.CancellationToken);
            var missing = await SimulateCommand.RunAsync([file + ".missing"], Stream.Null, TextWriter.Null, error, TestContext.Current.CancellationToken);

            Assert.Equal(0, fromFile);
            Assert.Equal(fromStdin, fromFile);
            Assert.Equal(stdinOutput, output.ToString());
            Assert.Equal(SimulateCommand.ExitNoInput, missing);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunCommandAsync(string body)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(body));
        using var output = new StringWriter();
        var exitCode = await SimulateCommand.RunAsync(["-"], input, output, TextWriter.Null, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string body) =>
        http.PostAsync("api/settlements/simulate", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    private static List<(string Name, string Scenario, bool ExpectsError)> GoldenScenarios()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(GoldenPath));
        return [.. document.RootElement.EnumerateArray().Select(c => (
            c.GetProperty("name").GetString()!,
            c.GetProperty("scenario").GetRawText(),
            c.GetProperty("expected").TryGetProperty("error", out _)))];
    }
}
