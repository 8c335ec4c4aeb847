using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MedicalAssistance.Contracts.Beneficiaries;
using MedicalAssistance.Contracts.Reimbursements;
using MedicalAssistance.Functions.Tests.Beneficiaries;
using MedicalAssistance.Testing;
using static MedicalAssistance.Functions.Tests.Rosters.TestRosters;

namespace MedicalAssistance.Functions.Tests.Reimbursements;

/// <summary>Manual reimbursement through the real host and Azurite: materials by content, idempotency, who sees what, audited decisions.</summary>
public sealed class ReimbursementHttpTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
    private static readonly byte[] Pdf = "%PDF-1.7\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task A_double_tapped_submission_is_one_application_that_only_its_person_and_staff_see()
    {
        await using var host = await BeneficiaryHost.StartAsync(azurite.ConnectionString);
        await host.PushAsync(BeneficiaryHost.Person(7401, "赵静", "13800138401"), BeneficiaryHost.Person(7402, "吴伟", "13800138402"));
        var mine = await SignInAsync(host, 7401, "赵静", 1);
        var theirs = await SignInAsync(host, 7402, "吴伟", 2);

        using var first = await SubmitAsync(host, mine, "tap-0000001", ("invoice", "a.png", Png), ("expenseList", "b.pdf", Pdf));
        using var second = await SubmitAsync(host, mine, "tap-0000001", ("invoice", "a.png", Png), ("expenseList", "b.pdf", Pdf));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var receipt = await first.Content.ReadFromJsonAsync<ReimbursementReceipt>(Ct);
        Assert.Equal(receipt, await second.Content.ReadFromJsonAsync<ReimbursementReceipt>(Ct));

        Assert.Single(await MineAsync(host, mine));
        Assert.Empty(await MineAsync(host, theirs));
        // The same idempotency key from another person is another application, never theirs.
        using (var other = await SubmitAsync(host, theirs, "tap-0000001", ("invoice", "c.png", Png)))
        {
            Assert.NotEqual(receipt!.ApplicationId, (await other.Content.ReadFromJsonAsync<ReimbursementReceipt>(Ct))!.ApplicationId);
        }

        Assert.Single(await MineAsync(host, mine));

        // Staff routes need the staff key: the portal key (even with a token) gets nothing.
        using (var portalList = await host.SendAsync(HttpMethod.Get, "api/reimbursements", host.PortalKey, bearer: mine))
        using (var portalDetail = await host.SendAsync(HttpMethod.Get, $"api/reimbursements/{receipt!.ApplicationId}", host.PortalKey, bearer: mine))
        using (var portalMaterial = await host.SendAsync(HttpMethod.Get, $"api/reimbursements/{receipt.ApplicationId}/materials/1", host.PortalKey, bearer: mine))
        {
            Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], new[] { portalList.StatusCode, portalDetail.StatusCode, portalMaterial.StatusCode });
        }

        using var page = await host.SendAsync(HttpMethod.Get, "api/reimbursements?status=submitted&pageSize=1", host.StaffKey);
        var firstPage = await page.Content.ReadFromJsonAsync<ReimbursementPage>(Ct);
        Assert.Single(firstPage!.Items);
        Assert.NotNull(firstPage.ContinuationToken);
    }

    [Fact]
    public async Task Materials_are_checked_by_their_bytes_and_a_rejection_needs_a_reason_and_is_audited()
    {
        await using var host = await BeneficiaryHost.StartAsync(azurite.ConnectionString);
        await host.PushAsync(BeneficiaryHost.Person(7501, "孙明", "13800138501"));
        var token = await SignInAsync(host, 7501, "孙明", 1);

        using (var disguised = await SubmitAsync(host, token, "bytes-000001", ("invoice", "photo.jpg", "MZ\u0090 not an image"u8.ToArray())))
        {
            var problem = await disguised.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal((HttpStatusCode.BadRequest, "MATERIAL_TYPE", "invoice"), (disguised.StatusCode, problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        }

        using (var none = await SubmitAsync(host, token, "bytes-000002"))
        {
            Assert.Equal("MATERIALS_REQUIRED", await CodeAsync(none));
        }

        using (var noKey = await SubmitAsync(host, token, null, ("invoice", "a.pdf", Pdf)))
        {
            Assert.Equal("IDEMPOTENCY_KEY_REQUIRED", await CodeAsync(noKey));
        }

        Assert.Empty(await MineAsync(host, token));

        using var ok = await SubmitAsync(host, token, "bytes-000003", ("dischargeSummary", "s.pdf", Pdf));
        var id = (await ok.Content.ReadFromJsonAsync<ReimbursementReceipt>(Ct))!.ApplicationId;
        using (var noReason = await host.SendAsync(HttpMethod.Post, $"api/reimbursements/{id}/decision", host.StaffKey, JsonContent.Create(new ReimbursementDecision("reject", null, null, " "))))
        {
            Assert.Equal((HttpStatusCode.BadRequest, "REASON_REQUIRED"), (noReason.StatusCode, await CodeAsync(noReason)));
        }

        using var rejected = await host.SendAsync(HttpMethod.Post, $"api/reimbursements/{id}/decision", host.StaffKey, JsonContent.Create(new ReimbursementDecision("reject", null, null, "发票不清晰，请重新拍照")));
        var detail = await rejected.Content.ReadFromJsonAsync<ReimbursementDetail>(Ct);
        Assert.Equal(("rejected", "发票不清晰，请重新拍照"), (detail!.Status, detail.RejectionReason));
        Assert.Equal([("submitted", "beneficiary"), ("rejected", "staff-test")], detail.History.Select(h => (h.Status, h.By)));

        using (var approveLater = await host.SendAsync(HttpMethod.Post, $"api/reimbursements/{id}/decision", host.StaffKey, JsonContent.Create(new ReimbursementDecision("approve", 10m, 0m, null))))
        {
            Assert.Equal((HttpStatusCode.Conflict, "STATUS_CONFLICT"), (approveLater.StatusCode, await CodeAsync(approveLater)));
        }

        var application = Assert.Single(await MineAsync(host, token));
        Assert.Equal(("未通过", "发票不清晰，请重新拍照"), (application.StatusName, application.ReasonZh));
    }

    [Fact]
    public async Task An_approved_application_becomes_a_manual_claim_that_settles_once_and_the_person_sees_it_settled()
    {
        await using var host = await BeneficiaryHost.StartAsync(azurite.ConnectionString);
        await host.PushAsync(BeneficiaryHost.Person(7403, "钱芳", "13800138403"));
        var token = await SignInAsync(host, 7403, "钱芳", 1);
        // Meizhou's settlement needs the year's operator parameters (the visit is in 2026): the demo values.
        var parameters = Functions.Claims.Parameters.DemoSettlementParameters.For(MedicalAssistance.Policy.Profiles.PolicyProfiles.Find("meizhou-2025")!);
        using (var put = await host.SendAsync(HttpMethod.Put, "api/settlement-parameters/meizhou-2025/2026", host.StaffKey, new StringContent(parameters, System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using var submitted = await SubmitAsync(host, token, "settle-00001", ("invoice", "a.png", Png));
        var id = (await submitted.Content.ReadFromJsonAsync<ReimbursementReceipt>(Ct))!.ApplicationId;

        using (var badInsurance = await host.SendAsync(HttpMethod.Post, $"api/reimbursements/{id}/decision", host.StaffKey,
            JsonContent.Create(new ReimbursementDecision("approve", 2400m, 100m, null, "private"))))
        {
            Assert.Equal((HttpStatusCode.BadRequest, "INSURANCE_INVALID"), (badInsurance.StatusCode, await CodeAsync(badInsurance)));
        }

        // Approved twice (a double click): one hand-over claim, settled once.
        for (var n = 0; n < 2; n++)
        {
            using var approved = await host.SendAsync(HttpMethod.Post, $"api/reimbursements/{id}/decision", host.StaffKey,
                JsonContent.Create(new ReimbursementDecision("approve", 2400m, 100m, null, "resident")));
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        await Eventually.HoldsAsync(async () => Assert.Single(await MineAsync(host, token)).StatusName == "已结算", "the application became settled");
        using var claim = await host.SendAsync(HttpMethod.Get, $"api/claims/manual-{id}", host.StaffKey);
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        var view = await claim.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("settled", view.GetProperty("status").GetString());
        Assert.Single(view.GetProperty("history").EnumerateArray()); // settled once, never adjusted
        Assert.DoesNotContain(IdNumberFor(7403), view.GetRawText());
    }

    [Fact]
    public async Task An_approved_application_whose_year_has_no_parameters_yet_is_held_and_becomes_settled_when_they_are_set()
    {
        await using var host = await BeneficiaryHost.StartAsync(azurite.ConnectionString);
        await host.PushAsync(BeneficiaryHost.Person(7404, "孙立", "13800138404"));
        var token = await SignInAsync(host, 7404, "孙立", 1);
        using var submitted = await SubmitAsync(host, token, "held-00001", ("invoice", "a.png", Png));
        var id = (await submitted.Content.ReadFromJsonAsync<ReimbursementReceipt>(Ct))!.ApplicationId;
        using (var approved = await host.SendAsync(HttpMethod.Post, $"api/reimbursements/{id}/decision", host.StaffKey,
            JsonContent.Create(new ReimbursementDecision("approve", 2400m, 100m, null, "resident"))))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        // The host's own parameters table has no 2026 values: the claim is held, and the application waits as approved.
        await Eventually.HoldsAsync(async () =>
        {
            using var claim = await host.SendAsync(HttpMethod.Get, $"api/claims/manual-{id}", host.StaffKey);
            return claim.IsSuccessStatusCode && (await claim.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString() == "held";
        }, "the manual claim was held for its missing parameters");
        Assert.Equal("审核通过，待结算", Assert.Single(await MineAsync(host, token)).StatusName);

        var parameters = Functions.Claims.Parameters.DemoSettlementParameters.For(MedicalAssistance.Policy.Profiles.PolicyProfiles.Find("meizhou-2025")!);
        using (var put = await host.SendAsync(HttpMethod.Put, "api/settlement-parameters/meizhou-2025/2026", host.StaffKey, new StringContent(parameters, System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        // The recompute settles it, and tells the reimbursement as the claims queue would have.
        await Eventually.HoldsAsync(async () => Assert.Single(await MineAsync(host, token)).StatusName == "已结算", "the application became settled");
    }

    private static async Task<string> SignInAsync(BeneficiaryHost host, int n, string name, int sms)
    {
        (await host.LoginAsync(IdNumberFor(n), name)).Dispose();
        using var verify = await host.VerifyAsync(IdNumberFor(n), await host.CodeFromOutboxAsync(sms));
        return (await verify.Content.ReadFromJsonAsync<BeneficiaryToken>(Ct))!.Token;
    }

    private static Task<HttpResponseMessage> SubmitAsync(BeneficiaryHost host, string token, string? key, params (string Field, string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(new ReimbursementVisit("meizhou-2025", "inpatient", new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 8), "梅州市人民医院", true, true, 2500.40m, 100m), JsonSerializerOptions.Web)), "visit" },
        };
        foreach (var (field, name, bytes) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg"); // what the client says does not matter
            form.Add(content, field, name);
        }

        return SendWithKeyAsync(host, token, key, form);
    }

    private static async Task<HttpResponseMessage> SendWithKeyAsync(BeneficiaryHost host, string token, string? key, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/reimbursements") { Content = content };
        request.Headers.Add("x-functions-key", host.PortalKey);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await host.Http.SendAsync(request, Ct);
    }

    private static async Task<List<BeneficiaryApplication>> MineAsync(BeneficiaryHost host, string token)
    {
        using var response = await host.SendAsync(HttpMethod.Get, "api/beneficiaries/me/reimbursements", host.PortalKey, bearer: token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<BeneficiaryApplication>>(Ct))!;
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString();
}
