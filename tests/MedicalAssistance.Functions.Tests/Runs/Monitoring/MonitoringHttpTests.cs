using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalAssistance.Functions.Tests.Runs.Monitoring;

/// <summary>
/// Through the real host: <c>GET/PUT /api/monitoring-thresholds/{profile}/{year}</c> (staff only, validated, versioned), and the
/// two monthly runs started by <c>POST /api/runs/{name}?period=</c> (409 <c>PERIOD_NOT_CLOSED</c> for this month; a closed month
/// queued, run and readable with its outputs).
/// </summary>
public sealed class MonitoringHttpTests(AzuriteFixture azurite)
{
    private static readonly string[] PrivateTables =
        ["Runs:Table", "Runs:JournalTable", "Runs:EnrolmentListingTable", "Runs:MonitoringAlertTable", "Runs:MonitoringThresholdTable", "Persons:ExemptionTable", "Claims:IndexTable"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_set_thresholds_in_versions_and_start_both_monthly_runs_for_a_closed_month_only()
    {
        await using var app = await FunctionsHost.StartAsync(azurite.ConnectionString, b =>
        {
            foreach (var setting in PrivateTables)
            {
                b.Configuration[setting] = AzuriteFixture.UniqueName("t");
            }

            b.Configuration["Runs:ReportsContainer"] = AzuriteFixture.UniqueName("reports");
            b.Configuration["Hosting:Runs:Queue"] = AzuriteFixture.UniqueName("runq");
        });
        await app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageLayout>>().Value.EnsureCreatedAsync(new StorageAccount(azurite.ConnectionString), Ct);
        var keys = app.Services.GetRequiredService<FunctionKeyStore>();
        var staff = await keys.CreateAsync(AzuriteFixture.UniqueName("operator"), [FunctionScopes.Staff], Ct);
        var portal = await keys.CreateAsync(AzuriteFixture.UniqueName("portal"), [FunctionScopes.Portal], Ct);
        using var http = app.CreateClient();
        const string Tumxuk = "api/monitoring-thresholds/tumxuk-2025/2026";

        using (var none = await SendAsync(http, HttpMethod.Get, Tumxuk, staff))
        {
            Assert.Equal((HttpStatusCode.NotFound, "MONITORING_THRESHOLD_NOT_SET"), (none.StatusCode, await CodeAsync(none)));
        }

        using (var forbidden = await SendAsync(http, HttpMethod.Put, Tumxuk, portal, JsonContent.Create(new { burdenThreshold = 5000m })))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        foreach (var (route, body, code) in new (string Route, object Body, string Code)[]
        {
            (Tumxuk, new { }, "THRESHOLD_REQUIRED"),
            (Tumxuk, new { burdenThreshold = 0m }, "AMOUNT_INVALID"),
            (Tumxuk, new { burdenThreshold = 10.001m }, "AMOUNT_INVALID"),
            ("api/monitoring-thresholds/inner-mongolia-2024/2026", new { burdenThreshold = 5000m }, "PARAMETER_NOT_USED"),
        })
        {
            using var bad = await SendAsync(http, HttpMethod.Put, route, staff, JsonContent.Create(body));
            var problem = await bad.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal((HttpStatusCode.BadRequest, code, "burdenThreshold"), (bad.StatusCode, problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        }

        foreach (var value in new[] { 5000m, 6000.5m })
        {
            using var put = await SendAsync(http, HttpMethod.Put, Tumxuk, staff, JsonContent.Create(new { burdenThreshold = value }));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var current = await GetJsonAsync(http, Tumxuk, staff);
        Assert.Equal((2, 6000.5m), (current.GetProperty("version").GetInt32(), current.GetProperty("threshold").GetProperty("burdenThreshold").GetDecimal()));
        Assert.Equal([1, 2], (await GetJsonAsync(http, $"{Tumxuk}/versions", staff)).EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));

        var thisMonth = MedicalAssistance.Functions.Calendar.ChinaTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var run in new[] { "monthly-enrolment-list", "monthly-monitoring" })
        {
            using (var open = await SendAsync(http, HttpMethod.Post, $"api/runs/{run}?period={thisMonth}", staff))
            {
                Assert.Equal((HttpStatusCode.Conflict, "PERIOD_NOT_CLOSED"), (open.StatusCode, await CodeAsync(open)));
            }

            using (var start = await SendAsync(http, HttpMethod.Post, $"api/runs/{run}?period=2025-09", staff))
            {
                Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            }

            await Eventually.HoldsAsync(async () => (await GetJsonAsync(http, $"api/runs/{run}/2025-09", staff)).GetProperty("status").GetString() == "done",
                $"{run} 2025-09 is done", TimeSpan.FromSeconds(90));
            var view = await GetJsonAsync(http, $"api/runs/{run}/2025-09", staff);
            var csv = view.GetProperty("outputs").EnumerateArray().First(o => o.GetProperty("name").GetString()!.EndsWith(".csv", StringComparison.Ordinal)).GetProperty("url").GetString()!;
            using var download = await SendAsync(http, HttpMethod.Get, csv.TrimStart('/'), staff);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal([0xEF, 0xBB, 0xBF], (await download.Content.ReadAsByteArrayAsync(Ct))[..3]);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string route, string key, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, route) { Content = content };
        request.Headers.Add("x-functions-key", key);
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
