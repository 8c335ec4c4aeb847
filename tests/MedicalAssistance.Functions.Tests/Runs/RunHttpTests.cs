using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Tests.Persons;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.Extensions.DependencyInjection;
using static MedicalAssistance.Functions.Tests.Rosters.TestRosters;

namespace MedicalAssistance.Functions.Tests.Runs;

/// <summary>
/// The runs contract through the real host: claims submitted over HTTP, <c>POST /api/runs/monthly-settlement?period=</c> (409
/// <c>PERIOD_NOT_CLOSED</c> for the current month in China), the queued run followed through <c>GET /api/runs/{name}/{period}</c>
/// and its payables downloaded (staff key only).
/// </summary>
public sealed class RunHttpTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_staff_member_starts_last_months_settlement_follows_it_and_downloads_the_payables()
    {
        var storage = new StorageAccount(azurite.ConnectionString);
        await using var app = await RunningApp.StartAsync(FunctionsApp.Build(
            [
                .. RunningApp.LoopbackArgs, $"--{StorageAccount.ConnectionStringKey}={azurite.ConnectionString}", .. TestSecrets.Args,
                .. PrivateRosterHostArgs(AzuriteFixture.UniqueName("rosters"), AzuriteFixture.UniqueName("reports"), AzuriteFixture.UniqueName("rosterq")),
                .. PrivateClaimArgs(),
                $"--Persons:Table={AzuriteFixture.UniqueName("persons")}", $"--Persons:ExemptionTable={AzuriteFixture.UniqueName("exempt")}",
                $"--Runs:Table={AzuriteFixture.UniqueName("runs")}", $"--Runs:PaymentTable={AzuriteFixture.UniqueName("runpay")}",
                $"--Runs:JournalTable={AzuriteFixture.UniqueName("journal")}", $"--Runs:ReportsContainer={AzuriteFixture.UniqueName("runreports")}",
                $"--Hosting:Runs:Queue={AzuriteFixture.UniqueName("runq")}",
            ]), Ct);
        await app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageLayout>>().Value.EnsureCreatedAsync(storage, Ct);
        var keys = app.Services.GetRequiredService<FunctionKeyStore>();
        var staff = await keys.CreateAsync(AzuriteFixture.UniqueName("operator"), [FunctionScopes.Staff], Ct);
        var facility = await keys.CreateAsync(AzuriteFixture.UniqueName("h001"), [FunctionScopes.Facility("H001")], Ct);
        using var http = app.CreateClient();

        var id = TestIds.Make(new DateOnly(1990, 1, 15), 654, "659003");
        var personKeys = app.Services.GetRequiredService<PersonKeys>();
        var protector = app.Services.GetRequiredService<IdProtector>();
        await app.Services.GetRequiredService<PersonStore>().TryCommitAsync(new PersonState
        {
            PersonKey = personKeys.KeyOf(id), EncryptedIdNumber = protector.Protect(id.Value), MaskedIdNumber = id.Masked,
            EncryptedName = protector.Protect("边缘乙"), NameFingerprint = personKeys.Fingerprint("边缘乙"), BirthDate = id.BirthDate, Version = 1, CommitId = "c",
            Identities = [new IdentityPeriod("DIBAO_MARGINAL", new DateOnly(2025, 7, 15), new DateOnly(2025, 7, 15), null, "tumxuk-civil")],
        }, null, Ct);
        object Claim(string claimId, string kind, string admission, string? discharge, decimal amount) => new
        {
            id = claimId, profile = "tumxuk-2025", idNumber = id.Value, name = "边缘乙", insurance = "resident", kind, admission, discharge,
            policyScopeSelfPay = amount, facility = new { code = "H001", name = "图木舒克市人民医院", level = 2 },
        };
        using (var accepted = await SendAsync(http, HttpMethod.Post, "api/claims", facility,
            JsonContent.Create(new { claims = new[] { Claim("R-1", "chronic-outpatient", "2025-09-02", null, 1200m), Claim("R-2", "inpatient", "2025-09-03", "2025-09-09", 10000m) } })))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await Eventually.HoldsAsync(async () => (await GetJsonAsync(http, "api/claims/R-2", staff)).GetProperty("status").GetString() == "settled", "the claims are settled",
            TimeSpan.FromSeconds(90));

        var thisMonth = MedicalAssistance.Functions.Calendar.ChinaTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        using (var open = await SendAsync(http, HttpMethod.Post, $"api/runs/monthly-settlement?period={thisMonth}", staff))
        {
            Assert.Equal(HttpStatusCode.Conflict, open.StatusCode);
            Assert.Equal("PERIOD_NOT_CLOSED", (await open.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
        }

        // A yearly run due within its year is not "not ended": the answer names the day it opens (Meizhou Art. 16(1): 1 September).
        var nextYear = MedicalAssistance.Functions.Calendar.ChinaTime.DateOf(DateTimeOffset.UtcNow).Year + 1;
        using (var notDue = await SendAsync(http, HttpMethod.Post, $"api/runs/meizhou-subsidy-prefund?period={nextYear}", staff))
        {
            var problem = await notDue.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal((HttpStatusCode.Conflict, "PERIOD_NOT_CLOSED"), (notDue.StatusCode, problem.GetProperty("code").GetString()));
            Assert.Contains($"{nextYear}-09-01", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var none = await SendAsync(http, HttpMethod.Get, "api/runs/monthly-settlement/2025-09", staff))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }

        using (var start = await SendAsync(http, HttpMethod.Post, "api/runs/monthly-settlement?period=2025-09", staff))
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }

        // Recorded before the request is queued: readable at once (queued, or already further).
        var queued = await GetJsonAsync(http, "api/runs/monthly-settlement/2025-09", staff);
        Assert.Contains(queued.GetProperty("status").GetString(), (string[])["queued", "running", "done"]);

        await Eventually.HoldsAsync(async () =>
        {
            using var response = await SendAsync(http, HttpMethod.Get, "api/runs/monthly-settlement/2025-09", staff);
            return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString() == "done";
        }, "the run is done", TimeSpan.FromSeconds(90));
        var run = await GetJsonAsync(http, "api/runs/monthly-settlement/2025-09", staff);
        Assert.Equal(9062.00m, run.GetProperty("totals").GetProperty("tumxuk-2025").GetProperty("total").GetDecimal());
        Assert.Equal(1, run.GetProperty("progress").GetProperty("done").GetInt32());
        var payablesUrl = run.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "payables.csv").GetProperty("url").GetString()!;

        using (var portal = await SendAsync(http, HttpMethod.Get, payablesUrl.TrimStart('/'), facility))
        {
            Assert.Equal(HttpStatusCode.Forbidden, portal.StatusCode);
        }

        using var download = await SendAsync(http, HttpMethod.Get, payablesUrl.TrimStart('/'), staff);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var text = Encoding.UTF8.GetString(await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.StartsWith("\uFEFF统筹区 profile,定点机构编码,定点机构名称,结算渠道,笔数,救助金额,倾斜救助,二次救助,合计\r\n", text, StringComparison.Ordinal);
        Assert.Contains("tumxuk-2025,H001,图木舒克市人民医院,one-stop-local,1,7820.00,1242.00,0.00,9062.00\r\n", text, StringComparison.Ordinal);
        using (var missing = await SendAsync(http, HttpMethod.Get, "api/runs/monthly-settlement/2025-09/outputs/secret.txt", staff))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
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

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string route, string key)
    {
        using var response = await SendAsync(http, HttpMethod.Get, route, key);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
