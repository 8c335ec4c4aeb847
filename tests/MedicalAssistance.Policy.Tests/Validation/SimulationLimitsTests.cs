using System.Text;
using System.Text.Json;
using MedicalAssistance.Policy.Simulation;

namespace MedicalAssistance.Policy.Tests.Validation;

/// <summary>Amounts, duplicate keys and the size of a request are bounded before the engine runs (docs/scenario-format.md §6).</summary>
public sealed class SimulationLimitsTests
{
    private static string Scenario(string claims) => $$"""
        { "profile": "tumxuk-2025", "parameters": {},
          "person": { "id": "P1", "birthDate": "1990-01-15", "insurance": "resident",
                      "identities": [ { "type": "DIBAO", "determinedOn": "2025-01-15", "start": "2025-01-15" } ] },
          "claims": [ {{claims}} ] }
        """;

    private static string Claim(string id, string amount = "1000") =>
        $$"""{ "id": "{{id}}", "kind": "inpatient", "admission": "2025-03-01", "discharge": "2025-03-05", "policyScopeSelfPay": {{amount}} }""";

    private static (string Field, string Code) Error(JsonElement element) =>
        (element.GetProperty("error").GetProperty("field").GetString()!, element.GetProperty("error").GetProperty("code").GetString()!);

    [Fact]
    public void Two_claims_of_4e28_are_AMOUNT_TOO_LARGE_not_an_overflow()
    {
        var output = SimulationRunner.Run(Scenario(Claim("c1", "4e28") + "," + Claim("c2", "4e28")));

        Assert.False(output.Ok);
        using var result = JsonDocument.Parse(output.Json);
        Assert.Equal(("claims[0].policyScopeSelfPay", "AMOUNT_TOO_LARGE"), Error(result.RootElement));
    }

    [Fact]
    public void One_huge_element_fails_only_itself_in_a_batch()
    {
        var good = Scenario(Claim("c1"));
        var output = SimulationRunner.Run($"[{good}, {Scenario(Claim("c1", "79228162514264337593543950335"))}, {good}]");

        Assert.True(output.Ok, output.Json);
        using var result = JsonDocument.Parse(output.Json);
        var items = result.RootElement.EnumerateArray().ToList();
        Assert.Equal(("claims[0].policyScopeSelfPay", "AMOUNT_TOO_LARGE"), Error(items[1]));
        Assert.True(items[0].TryGetProperty("totals", out _));
        Assert.True(items[2].TryGetProperty("totals", out _));
    }

    [Fact]
    public void A_thousand_claims_of_the_largest_amount_settle_without_overflow()
    {
        var claims = string.Join(",", Enumerable.Range(0, SimulationLimits.MaxClaimsPerScenario).Select(i => Claim($"c{i}", "100000000.00")));

        var output = SimulationRunner.Run(Scenario(claims));

        Assert.True(output.Ok, output.Json[..Math.Min(400, output.Json.Length)]);
    }

    [Theory]
    [InlineData("""{ "profile": "tumxuk-2025", "profile": "meizhou-2025" }""")]
    [InlineData("""{ "profile": "tumxuk-2025", "person": { "id": "P1", "id": "P2" } }""")]
    public void A_repeated_key_anywhere_is_DUPLICATE_KEY_at_dollar(string body)
    {
        var output = SimulationRunner.Run(body);

        Assert.False(output.Ok);
        Assert.Equal("DUPLICATE_KEY", output.RequestError);
        using var result = JsonDocument.Parse(output.Json);
        Assert.Equal(("$", "DUPLICATE_KEY"), Error(result.RootElement));
    }

    [Fact]
    public void A_repeated_key_in_one_batch_element_refuses_the_request()
    {
        var duplicated = Scenario(Claim("c1")).Replace("\"kind\": \"inpatient\"", "\"kind\": \"inpatient\", \"kind\": \"outpatient\"", StringComparison.Ordinal);

        var output = SimulationRunner.Run($"[{Scenario(Claim("c1"))}, {duplicated}]");

        Assert.Equal("DUPLICATE_KEY", output.RequestError);
    }

    [Fact]
    public void More_scenarios_than_the_limit_are_TOO_MANY_SCENARIOS()
    {
        var one = Scenario(Claim("c1"));
        var limits = SimulationLimits.Default with { ScenariosPerRequest = 3 };

        var atLimit = SimulationRunner.Run(Encoding.UTF8.GetBytes($"[{one},{one},{one}]"), limits);
        var over = SimulationRunner.Run(Encoding.UTF8.GetBytes($"[{one},{one},{one},{one}]"), limits);

        Assert.True(atLimit.Ok);
        Assert.False(over.Ok);
        using var result = JsonDocument.Parse(over.Json);
        Assert.Equal(("$", "TOO_MANY_SCENARIOS"), Error(result.RootElement));
    }

    [Fact]
    public void The_default_limits_refuse_1001_scenarios()
    {
        var one = Scenario(Claim("c1"));
        var body = "[" + string.Join(",", Enumerable.Repeat(one, SimulationLimits.MaxScenariosPerRequest + 1)) + "]";

        Assert.Equal("TOO_MANY_SCENARIOS", SimulationRunner.Run(body).RequestError);
    }

    [Fact]
    public void Claims_beyond_the_limits_are_TOO_MANY_CLAIMS_per_scenario_and_per_request()
    {
        var limits = SimulationLimits.Default with { ClaimsPerScenario = 2, ClaimsPerRequest = 3 };
        var two = Scenario(Claim("c1") + "," + Claim("c2"));
        var three = Scenario(Claim("c1") + "," + Claim("c2") + "," + Claim("c3"));

        var perScenario = SimulationRunner.Run(Encoding.UTF8.GetBytes(three), limits);
        var perRequest = SimulationRunner.Run(Encoding.UTF8.GetBytes($"[{two},{two}]"), limits);

        using var scenarioResult = JsonDocument.Parse(perScenario.Json);
        Assert.Equal(("claims", "TOO_MANY_CLAIMS"), Error(scenarioResult.RootElement));
        Assert.Null(perScenario.RequestError);
        using var requestResult = JsonDocument.Parse(perRequest.Json);
        Assert.Equal(("$", "TOO_MANY_CLAIMS"), Error(requestResult.RootElement));
    }

    [Fact]
    public void A_body_over_the_limit_is_BODY_TOO_LARGE_before_it_is_parsed()
    {
        var limits = SimulationLimits.Default with { BodyBytes = 100 };

        var output = SimulationRunner.Run(Encoding.UTF8.GetBytes(Scenario(Claim("c1"))), limits);

        Assert.Equal("BODY_TOO_LARGE", output.RequestError);
    }
}
