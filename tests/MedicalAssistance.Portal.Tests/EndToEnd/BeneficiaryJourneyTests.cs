using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MedicalAssistance.Contracts.Reimbursements;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Portal.Tests.Support;
using MedicalAssistance.Testing;
using Microsoft.Playwright;

namespace MedicalAssistance.Portal.Tests.EndToEnd;

/// <summary>
/// A beneficiary on a phone (Chromium at 390×844) against a real functions host and Azurite: signs in with the outbox code,
/// reads the records, applies with a photo and a PDF, staff approve through the API, the status shows. axe-core checks every
/// page; no page scrolls sideways at 360×640; screenshots go to the test output.
/// </summary>
public sealed class BeneficiaryJourneyTests(AzuriteFixture azurite, BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string AxeScript = Path.Combine(RepositoryPaths.Root, "node_modules", "axe-core", "axe.min.js");

    // The smallest files that are what they claim by their first bytes.
    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9];
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task A_beneficiary_signs_in_reads_the_records_applies_with_a_photo_and_a_pdf_and_sees_it_approved()
    {
        await using var system = await PortalSystem.StartAsync(azurite.ConnectionString);
        await system.PushAsync((9001, "王秀英", "13800139001"), (9002, "李桂兰", "13800139002"));
        var portal = await system.StartPortalAsync();
        var page = await browser.NewPhonePageAsync(390, 844, bypassCsp: true);
        var baseUrl = portal.BaseAddress.ToString().TrimEnd('/');

        await page.GotoAsync(baseUrl + "/");
        await CheckAsync(page, "journey-01-home");
        await page.GetByRole(AriaRole.Link, new() { Name = "登录" }).First.ClickAsync();
        await CheckAsync(page, "journey-02-login");
        await page.GetByLabel("身份证号").FillAsync(PortalSystem.IdNumberFor(9001));
        await page.GetByLabel("姓名").FillAsync("王秀英");
        await page.GetByRole(AriaRole.Button, new() { Name = "获取验证码" }).ClickAsync();
        await page.ArrivesAtAsync("**/login/verify");
        await CheckAsync(page, "journey-03-verify");
        await page.GetByLabel("短信验证码").FillAsync(await system.CodeFromOutboxAsync("13800139001"));
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.ArrivesAtAsync("**/records");

        Assert.Equal(IdNumber.Mask(PortalSystem.IdNumberFor(9001)), await page.GetByTestId("masked-id").TextContentAsync());
        Assert.Contains("最低生活保障对象", await page.GetByTestId("identities").TextContentAsync());
        await CheckAsync(page, "journey-04-records");

        await page.GotoAsync(baseUrl + "/reimbursements/new");
        await CheckAsync(page, "journey-05-new");
        await page.GetByLabel("入院（就诊）日期").FillAsync("2026-10-08");
        await page.GetByLabel("出院日期（门诊不填）").FillAsync("2026-10-15");
        await page.GetByLabel("医疗机构名称").FillAsync("梅州市人民医院");
        await page.GetByLabel("政策范围内个人负担（元）").FillAsync("3200.50");
        await page.GetByLabel("发票（可拍照）").SetInputFilesAsync(new FilePayload { Name = "invoice.jpg", MimeType = "image/jpeg", Buffer = Photo });
        await page.GetByLabel("出院小结").SetInputFilesAsync(new FilePayload { Name = "summary.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await page.ArrivesAtAsync("**/reimbursements?submitted=true");
        Assert.Equal("已提交", await page.GetByTestId("application-status").TextContentAsync());
        await CheckAsync(page, "journey-06-list");

        // Staff review through the API: the application, both materials, approval with the checked amount.
        using var http = system.Api.CreateClient();
        http.DefaultRequestHeaders.Add("x-functions-key", system.StaffKey);
        var list = await http.GetFromJsonAsync<ReimbursementPage>("api/reimbursements?status=submitted", Ct);
        var summary = Assert.Single(list!.Items);
        var detail = await http.GetFromJsonAsync<ReimbursementDetail>($"api/reimbursements/{summary.ApplicationId}", Ct);
        Assert.Equal(["image/jpeg", "application/pdf"], detail!.Materials.Select(m => m.ContentType));
        Assert.Equal(Pdf, await http.GetByteArrayAsync(detail.Materials[1].DownloadPath.TrimStart('/'), Ct));
        using var decision = await http.PostAsJsonAsync($"api/reimbursements/{summary.ApplicationId}/decision", new ReimbursementDecision("approve", 3200.50m, 0m, null), Ct);
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        var approved = await decision.Content.ReadFromJsonAsync<ReimbursementDetail>(Ct);
        Assert.Equal(["submitted", "under-review", "approved"], approved!.History.Select(h => h.Status));
        Assert.Equal("staff-test", approved.History[^1].By);

        await page.GotoAsync(baseUrl + "/reimbursements");
        Assert.Equal("审核通过，待结算", await page.GetByTestId("application-status").TextContentAsync());
        await page.GotoAsync(baseUrl + "/records");
        Assert.Contains("审核通过，待结算", await page.GetByTestId("applications").TextContentAsync());
        await CheckAsync(page, "journey-07-records-approved");

        // The other person signs in in another browser and sees none of it.
        var other = await browser.NewPhonePageAsync(390, 844);
        await other.GotoAsync(baseUrl + "/login");
        await other.GetByLabel("身份证号").FillAsync(PortalSystem.IdNumberFor(9002));
        await other.GetByLabel("姓名").FillAsync("李桂兰");
        await other.GetByRole(AriaRole.Button, new() { Name = "获取验证码" }).ClickAsync();
        await other.ArrivesAtAsync("**/login/verify");
        await other.GetByLabel("短信验证码").FillAsync(await system.CodeFromOutboxAsync("13800139002"));
        await other.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await other.ArrivesAtAsync("**/records");
        await other.GotoAsync(baseUrl + "/reimbursements");
        Assert.Contains("暂无报销申请", await other.ContentAsync());
        Assert.DoesNotContain("梅州市人民医院", await other.ContentAsync());
    }

    [Fact]
    public async Task The_error_and_not_found_pages_pass_axe_and_fit_a_small_phone()
    {
        await using var system = await PortalSystem.StartAsync(azurite.ConnectionString);
        var portal = await system.StartPortalAsync();
        var page = await browser.NewPhonePageAsync(390, 844, bypassCsp: true);

        var response = await page.GotoAsync(portal.BaseAddress + "no-such-page");
        Assert.Equal(404, response!.Status);
        Assert.Equal("您要找的页面不存在或已移走。", await page.GetByTestId("not-found").TextContentAsync());
        await CheckAsync(page, "not-found");
        await page.GotoAsync(portal.BaseAddress + "error");
        await CheckAsync(page, "error");
    }

    /// <summary>axe-core finds no serious or critical violation; at 360×640 nothing scrolls sideways; a screenshot is kept.</summary>
    private static async Task CheckAsync(IPage page, string name)
    {
        await page.AddScriptTagAsync(new() { Path = AxeScript });
        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))");
        Assert.True(violations.GetArrayLength() == 0, $"{name}: {violations}");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath(name), FullPage = true });

        var size = page.ViewportSize!;
        await page.SetViewportSizeAsync(360, 640);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{name} scrolls sideways by {overflow}px at 360×640");
        await page.SetViewportSizeAsync(size.Width, size.Height);
    }
}
