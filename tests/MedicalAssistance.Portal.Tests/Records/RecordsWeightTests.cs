using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MedicalAssistance.Functions.Claims.Parameters;
using MedicalAssistance.Policy.Profiles;
using MedicalAssistance.Portal.Tests.Support;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Portal.Tests.Records;

/// <summary>
/// 我的记录 on a cheap phone: for a person with 50 settled claims, the page with everything it loads (HTML, CSS, JS, uncompressed)
/// weighs at most 60 KB (issue 11 item 7). Measured on the bytes Chromium received, not on a guess.
/// </summary>
public sealed class RecordsWeightTests(AzuriteFixture azurite, BrowserFixture browser)
{
    private const int Claims = 50;
    private const long MaxBytes = 60 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Records_of_a_person_with_50_claims_weigh_at_most_60_KB()
    {
        await using var system = await PortalSystem.StartAsync(azurite.ConnectionString);
        await system.PushAsync((9101, "周玉梅", "13800139101"));
        using var http = system.Api.CreateClient();
        http.DefaultRequestHeaders.Add("x-functions-key", system.StaffKey);
        var parameters = DemoSettlementParameters.For(PolicyProfiles.Find("meizhou-2025")!);
        using (var put = await http.PutAsync(new Uri("api/settlement-parameters/meizhou-2025/2025", UriKind.Relative), new StringContent(parameters, Encoding.UTF8, "application/json"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var claims = Enumerable.Range(0, Claims).Select(i => new
        {
            id = $"W-{i:D3}", profile = "meizhou-2025", idNumber = PortalSystem.IdNumberFor(9101), name = "周玉梅", insurance = "resident",
            kind = i % 5 == 0 ? "inpatient" : "outpatient", admission = new DateOnly(2025, 3, 1).AddDays(i * 5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            discharge = i % 5 == 0 ? new DateOnly(2025, 3, 1).AddDays(i * 5 + 3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
            policyScopeSelfPay = 300m + i * 97.5m, facility = new { code = "MZ-H001", name = "梅州市人民医院", level = 3 },
        }).ToArray();

        // Latest first, and the earliest visit of the year only once the others are settled: it arrives late and recomputes the
        // later ones (their deductible moves), so the page has its adjustments whatever order the hosts took the messages in.
        await SubmitAndSettleAsync(http, claims[1..].Reverse().ToArray(), claims[1..].Select(c => c.id));
        await SubmitAndSettleAsync(http, claims[..1], [claims[0].id]);
        var adjusted = 0;
        foreach (var claim in claims[1..])
        {
            using var later = await http.GetAsync(new Uri($"api/claims/{claim.id}", UriKind.Relative), Ct);
            var history = (await later.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("history").EnumerateArray();
            adjusted += history.Any(e => e.GetProperty("event").GetString() == "adjusted") ? 1 : 0;
        }

        Assert.InRange(adjusted, 1, Claims - 1); // settled in the same commit as W-000

        var portal = await system.StartPortalAsync();
        var page = await browser.NewPhonePageAsync(360, 640);
        var baseUrl = portal.BaseAddress.ToString().TrimEnd('/');
        await page.GotoAsync(baseUrl + "/login");
        await page.GetByLabel("身份证号").FillAsync(PortalSystem.IdNumberFor(9101));
        await page.GetByLabel("姓名").FillAsync("周玉梅");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "获取验证码" }).ClickAsync();
        await page.ArrivesAtAsync("**/login/verify");
        await page.GetByLabel("短信验证码").FillAsync(await system.CodeFromOutboxAsync("13800139101"));
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.ArrivesAtAsync("**/records");

        // Load /records afresh and add up the bodies of every response the page needed (no cache: a first visit).
        var bodies = new List<(string Url, long Bytes)>();
        page.Response += async (_, response) =>
        {
            var body = await response.BodyAsync();
            lock (bodies)
            {
                bodies.Add((response.Url, body.Length));
            }
        };
        await page.GotoAsync(baseUrl + "/records", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.NetworkIdle });
        Assert.Equal(Claims, await page.GetByTestId("claims").Locator("li").CountAsync()); // all fifty are on the page
        var latest = await page.GetByTestId("claims").Locator("li").First.TextContentAsync();
        Assert.StartsWith("2025-11-01 梅州市人民医院（普通门诊）", latest); // date, facility and kind in Chinese
        Assert.InRange(await page.GetByTestId("adjustments").Locator("li").CountAsync(), 1, Claims); // one line per recomputed claim

        List<(string Url, long Bytes)> loaded;
        lock (bodies)
        {
            loaded = [.. bodies];
        }

        var total = loaded.Sum(b => b.Bytes);
        Assert.True(total <= MaxBytes, $"/records weighs {total:N0} bytes: {string.Join(", ", loaded.Select(b => $"{b.Url} {b.Bytes:N0}"))}");
        TestContext.Current.SendDiagnosticMessage($"/records with {Claims} claims: {total:N0} bytes ({string.Join(", ", loaded.Select(b => $"{new Uri(b.Url).AbsolutePath} {b.Bytes:N0}"))})");
    }

    private static async Task SubmitAndSettleAsync<T>(HttpClient http, T[] claims, IEnumerable<string> ids)
    {
        using (var submitted = await http.PostAsJsonAsync(new Uri("api/claims", UriKind.Relative), new { claims }, Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        }

        var pending = ids.ToHashSet();
        await PortalSystem.UntilAsync(async () =>
        {
            foreach (var id in pending.ToList())
            {
                using var claim = await http.GetAsync(new Uri($"api/claims/{id}", UriKind.Relative), Ct);
                if (!claim.IsSuccessStatusCode || (await claim.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString() != "settled")
                {
                    return false;
                }

                pending.Remove(id);
            }

            return true;
        }, $"{pending.Count} claims are settled");
    }
}
