using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalAssistance.Functions.Tests.Runs;

/// <summary><c>GET/PUT /api/fund-budgets/{profile}/{year}</c> through the real host: staff only, validated per profile, versioned, no version lost to a race.</summary>
public sealed class FundBudgetHttpTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_set_a_profiles_fund_budget_in_versions_while_bad_values_and_other_callers_change_nothing()
    {
        await using var app = await FunctionsHost.StartAsync(azurite.ConnectionString, b => b.Configuration["Runs:FundBudgetTable"] = AzuriteFixture.UniqueName("budgets"));
        await app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageLayout>>().Value.EnsureCreatedAsync(new StorageAccount(azurite.ConnectionString), Ct);
        var keys = app.Services.GetRequiredService<FunctionKeyStore>();
        var staff = await keys.CreateAsync(AzuriteFixture.UniqueName("operator"), [FunctionScopes.Staff], Ct);
        var portal = await keys.CreateAsync(AzuriteFixture.UniqueName("portal"), [FunctionScopes.Portal], Ct);
        using var http = app.CreateClient();
        const string Baoshan = "api/fund-budgets/baoshan-2023/2026";

        using (var none = await SendAsync(http, HttpMethod.Get, Baoshan, staff))
        {
            Assert.Equal((HttpStatusCode.NotFound, "FUND_BUDGET_NOT_SET"), (none.StatusCode, await CodeAsync(none)));
        }

        using (var forbidden = await SendAsync(http, HttpMethod.Put, Baoshan, portal, JsonContent.Create(new { budgetedExpenditure = 1000m })))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        foreach (var (body, code, field) in new (object Body, string Code, string Field)[]
        {
            (new { accumulatedBalance = 5m }, "BUDGET_REQUIRED", "budgetedExpenditure"),
            (new { budgetedExpenditure = -1m }, "AMOUNT_INVALID", "budgetedExpenditure"),
            (new { budgetedExpenditure = 10m, accumulatedBalance = 0.001m }, "AMOUNT_INVALID", "accumulatedBalance"),
            (new { budgetedExpenditure = 10m, approvedSubsidyTotal = 5m }, "PARAMETER_NOT_USED", "approvedSubsidyTotal"),
        })
        {
            using var bad = await SendAsync(http, HttpMethod.Put, Baoshan, staff, JsonContent.Create(body));
            var problem = await bad.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal((HttpStatusCode.BadRequest, code, field), (bad.StatusCode, problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        }

        using (var unknown = await SendAsync(http, HttpMethod.Get, "api/fund-budgets/atlantis-2020/2026", staff))
        {
            Assert.Equal((HttpStatusCode.NotFound, "UNKNOWN_PROFILE"), (unknown.StatusCode, await CodeAsync(unknown)));
        }

        using (var empty = await SendAsync(http, HttpMethod.Get, $"{Baoshan}/versions", staff))
        {
            Assert.Equal(0, (await empty.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetArrayLength());
        }

        // Eight operators at once: eight versions, none lost, current the highest.
        var puts = await Task.WhenAll(Enumerable.Range(1, 8).Select(async n =>
        {
            using var put = await SendAsync(http, HttpMethod.Put, Baoshan, staff, JsonContent.Create(new { budgetedExpenditure = 1_000_000m + n, accumulatedBalance = 50_000.5m, countyCoFunding = 200_000m }));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            return (await put.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32();
        }));
        Assert.Equal(Enumerable.Range(1, 8), puts.Order());
        var versions = await GetJsonAsync(http, $"{Baoshan}/versions", staff);
        Assert.Equal(Enumerable.Range(1, 8), versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(8, versions.EnumerateArray().Select(v => v.GetProperty("budget").GetProperty("budgetedExpenditure").GetDecimal()).Distinct().Count());
        var current = await GetJsonAsync(http, Baoshan, staff);
        Assert.Equal(8, current.GetProperty("version").GetInt32());
        Assert.Equal(50_000.5m, current.GetProperty("budget").GetProperty("accumulatedBalance").GetDecimal());
        Assert.Equal(versions[7].GetProperty("budget").GetProperty("budgetedExpenditure").GetDecimal(), current.GetProperty("budget").GetProperty("budgetedExpenditure").GetDecimal());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string route, string? key, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, route) { Content = content };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return await http.SendAsync(request, Ct);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString();

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string route, string key)
    {
        using var response = await SendAsync(http, HttpMethod.Get, route, key);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
