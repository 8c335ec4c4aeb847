using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Functions.Claims.Parameters;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Tests.Persons;
using MedicalAssistance.Testing;
using Microsoft.Extensions.DependencyInjection;
using static MedicalAssistance.Functions.Tests.Rosters.TestRosters;

namespace MedicalAssistance.Functions.Tests.Claims;

/// <summary>
/// The claims contract through the real host, its queue listeners and private tables: submit (JSON and CSV) → 202 queued →
/// settled by the <c>claims</c> queue; a bad claim is a 400 naming <c>claims[i].field</c> and stores nothing; the same claim
/// again is 200, changed content 409; facility keys reach their own facility only; GET shows the masked ID number, result,
/// explanation, ledger and history; a reversal recomputes; settlement parameters over HTTP, versioned.
/// </summary>
public sealed class ClaimHttpTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_facility_submits_claims_and_reads_them_settled_while_bad_or_foreign_claims_change_nothing()
    {
        var storage = new StorageAccount(azurite.ConnectionString);
        var tables = new Dictionary<string, string>
        {
            [PersonStore.TableKey] = AzuriteFixture.UniqueName("persons"),
            [PersonStore.ExemptionTableKey] = AzuriteFixture.UniqueName("exempt"),
            [ClaimStore.TableKey] = AzuriteFixture.UniqueName("claims"),
            [ClaimLedgerStore.LedgerTableKey] = AzuriteFixture.UniqueName("ledger"),
            [ClaimLedgerStore.IndexTableKey] = AzuriteFixture.UniqueName("index"),
            [ClaimLedgerStore.AdjustmentTableKey] = AzuriteFixture.UniqueName("adjust"),
            [SettlementParameterStore.TableKey] = AzuriteFixture.UniqueName("sparams"),
            [ClaimQueueNames.ClaimsKey] = AzuriteFixture.UniqueName("claimq"),
            [ClaimQueueNames.RecomputeKey] = AzuriteFixture.UniqueName("recomputeq"),
        };
        await using var app = await RunningApp.StartAsync(FunctionsApp.Build(
            [
                .. RunningApp.LoopbackArgs, $"--{StorageAccount.ConnectionStringKey}={azurite.ConnectionString}", .. TestSecrets.Args,
                .. PrivateRosterHostArgs(AzuriteFixture.UniqueName("rosters"), AzuriteFixture.UniqueName("reports"), AzuriteFixture.UniqueName("rosterq")),
                .. tables.Select(t => $"--{t.Key}={t.Value}"),
            ]), Ct);
        await app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageLayout>>().Value.EnsureCreatedAsync(storage, Ct);
        var keys = app.Services.GetRequiredService<FunctionKeyStore>();
        var staff = await keys.CreateAsync("operator-1", [FunctionScopes.Staff], Ct);
        var facility = await keys.CreateAsync("h001-counter", [FunctionScopes.Facility("H001")], Ct);
        var department = await keys.CreateAsync("clerk", [FunctionScopes.Department("tumxuk-civil")], Ct);
        using var http = app.CreateClient();

        // The patient holds DIBAO_MARGINAL in Tumxuk from 2025-07-15 (docs/scenario-format.md §9).
        var id = TestIds.Make(new DateOnly(1990, 1, 15), 321, "659003");
        var harnessKeys = app.Services.GetRequiredService<PersonKeys>();
        var protector = app.Services.GetRequiredService<IdProtector>();
        await app.Services.GetRequiredService<PersonStore>().TryCommitAsync(new PersonState
        {
            PersonKey = harnessKeys.KeyOf(id), EncryptedIdNumber = protector.Protect(id.Value), MaskedIdNumber = id.Masked,
            EncryptedName = protector.Protect("边缘甲"), NameFingerprint = harnessKeys.Fingerprint("边缘甲"), BirthDate = id.BirthDate, Version = 1, CommitId = "c",
            Identities = [new IdentityPeriod("DIBAO_MARGINAL", new DateOnly(2025, 7, 15), new DateOnly(2025, 7, 15), null, "tumxuk-civil")],
        }, null, Ct);

        object Claim(string claimId, string kind, string admission, string? discharge, decimal amount, string facilityCode = "H001") => new
        {
            id = claimId, profile = "tumxuk-2025", idNumber = id.Value, name = "边缘甲", insurance = "resident", kind, admission, discharge,
            policyScopeSelfPay = amount, facility = new { code = facilityCode, name = "图木舒克市人民医院", level = 2 },
        };
        var c1 = Claim("H001-2025-0001", "chronic-outpatient", "2025-08-20", null, 1200m);
        var c2 = Claim("H001-2025-0002", "inpatient", "2025-09-01", "2025-09-09", 10000m);

        // A bad claim: 400 naming it, and nothing of the request is stored.
        using (var bad = await SendAsync(http, HttpMethod.Post, "api/claims", facility, JsonContent.Create(new { claims = new[] { c1, Claim("H001-2025-0002", "inpatient", "2025-09-09", "2025-09-01", 10000m) } })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var problem = await bad.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(("DISCHARGE_BEFORE_ADMISSION", "claims[1].discharge"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        }

        using (var none = await SendAsync(http, HttpMethod.Get, "api/claims/H001-2025-0001", staff))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }

        using (var foreign = await SendAsync(http, HttpMethod.Post, "api/claims", facility, JsonContent.Create(new { claims = new[] { Claim("H002-1", "outpatient", "2025-08-01", null, 10m, "H002") } })))
        using (var noScope = await SendAsync(http, HttpMethod.Post, "api/claims", department, JsonContent.Create(new { claims = new[] { c1 } })))
        {
            Assert.Equal((HttpStatusCode.Forbidden, "FACILITY_NOT_ALLOWED"), (foreign.StatusCode, await CodeAsync(foreign)));
            Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);
        }

        using (var accepted = await SendAsync(http, HttpMethod.Post, "api/claims", facility, JsonContent.Create(new { claims = new[] { c1, c2 } })))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            var body = await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.All(body.GetProperty("claims").EnumerateArray(), c => Assert.Equal("queued", c.GetProperty("status").GetString()));
        }

        await UntilAsync(async () => (await GetAsync(http, "api/claims/H001-2025-0002", facility)).GetProperty("status").GetString() == "settled"
            && (await GetAsync(http, "api/claims/H001-2025-0001", facility)).GetProperty("status").GetString() == "settled");
        var view = await GetAsync(http, "api/claims/H001-2025-0002", facility);
        Assert.Equal(9062.00m, view.GetProperty("result").GetProperty("total").GetDecimal());
        Assert.Equal("class-3", view.GetProperty("result").GetProperty("category").GetString());
        Assert.Equal(9062.00m, view.GetProperty("ledger").GetProperty("total").GetDecimal());
        Assert.Contains("起付线", view.GetProperty("result").GetProperty("explanation").GetProperty("zh").GetString());
        Assert.Equal(id.Masked, view.GetProperty("maskedIdNumber").GetString());
        Assert.DoesNotContain(id.Value, view.GetRawText());

        // The same claims again: 200 with their stored status. Changed content under a known id: 409.
        using (var again = await SendAsync(http, HttpMethod.Post, "api/claims", facility, JsonContent.Create(new { claims = new[] { c1, c2 } })))
        using (var changed = await SendAsync(http, HttpMethod.Post, "api/claims", staff, JsonContent.Create(new { claims = new[] { Claim("H001-2025-0002", "inpatient", "2025-09-01", "2025-09-09", 10001m) } })))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.All((await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("claims").EnumerateArray(), c => Assert.Equal("settled", c.GetProperty("status").GetString()));
            Assert.Equal((HttpStatusCode.Conflict, "CLAIM_ID_CONFLICT"), (changed.StatusCode, await CodeAsync(changed)));
        }

        // A CSV upload with the same fields as columns; another facility's key cannot read it.
        var csv = "id,profile,idNumber,name,insurance,kind,admission,discharge,policyScopeSelfPay,facility.code,facility.name\n"
            + $"H001-2025-0003,tumxuk-2025,{id.Value},边缘甲,resident,inpatient,2025-10-01,2025-10-05,3000.00,H001,图木舒克市人民医院\n";
        using (var upload = await SendAsync(http, HttpMethod.Post, "api/claims", facility, new StringContent(csv, Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        }

        var other = await keys.CreateAsync("h002-counter", [FunctionScopes.Facility("H002")], Ct);
        using (var hidden = await SendAsync(http, HttpMethod.Get, "api/claims/H001-2025-0003", other))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        await UntilAsync(async () => (await GetAsync(http, "api/claims/H001-2025-0003", staff)).GetProperty("status").GetString() == "settled");

        // Reversal of c1: voided, and c2 recomputed without c1's deductible absorption.
        using (var reversal = await SendAsync(http, HttpMethod.Post, "api/claims/H001-2025-0001/reversal", facility, JsonContent.Create(new { reason = "重复结算" })))
        {
            Assert.Equal(HttpStatusCode.Accepted, reversal.StatusCode);
        }

        await UntilAsync(async () => (await GetAsync(http, "api/claims/H001-2025-0002", staff)).GetProperty("result").GetProperty("total").GetDecimal() == 7880.00m);
        var reversed = await GetAsync(http, "api/claims/H001-2025-0001", staff);
        Assert.Equal("reversed", reversed.GetProperty("status").GetString());
        var history = (await GetAsync(http, "api/claims/H001-2025-0002", staff)).GetProperty("history").EnumerateArray().Select(e => (e.GetProperty("event").GetString(), e.GetProperty("delta").GetDecimal())).ToList();
        // c1 and c2 settle concurrently (queue messages carry no order): c2 settles at 9,062.00 after c1, or at 7,880.00 before
        // it and is then adjusted +1,182.00 when c1 takes the deductible. Either way the reversal is the last adjustment.
        Assert.Equal("settled", history[0].Item1);
        Assert.Equal(("adjusted", -1182.00m), history[^1]);
        Assert.Equal(7880.00m, history.Sum(e => e.Item2));

        // Settlement parameters: staff only, the scenario's codes, versions kept.
        const string route = "api/settlement-parameters/baoshan-2023/2025";
        using (var notSet = await SendAsync(http, HttpMethod.Get, route, staff))
        using (var byFacility = await SendAsync(http, HttpMethod.Put, route, facility, new StringContent("{}", Encoding.UTF8, "application/json")))
        using (var missing = await SendAsync(http, HttpMethod.Put, route, staff, new StringContent("""{ "provinceDisposableIncomePrevYear": 30000 }""", Encoding.UTF8, "application/json")))
        using (var put = await SendAsync(http, HttpMethod.Put, route, staff, new StringContent("""{ "provinceDisposableIncomePrevYear": 30000, "outpatientAnnualCap": 30000, "inpatientAnnualCap": 100000 }""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.NotFound, notSet.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, byFacility.StatusCode);
            Assert.Equal((HttpStatusCode.BadRequest, "MISSING_PARAMETER"), (missing.StatusCode, await CodeAsync(missing)));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        Assert.Equal(100000m, (await GetAsync(http, route, staff)).GetProperty("inpatientAnnualCap").GetDecimal());
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

    private static async Task<JsonElement> GetAsync(HttpClient http, string route, string key)
    {
        using var response = await SendAsync(http, HttpMethod.Get, route, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString();

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Patience);
        while (!await condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
