using System.Net;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Portal.Api;
using MedicalAssistance.Portal.Security;
using MedicalAssistance.Portal.Tests.Support;
using MedicalAssistance.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalAssistance.Portal.Tests.Security;

/// <summary>The portal's security rules, page by page, in memory (WebApplicationFactory) against a real API on Azurite.</summary>
public sealed class PortalSecurityTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly WebApplicationFactoryClientOptions Https = new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false };

    [Theory]
    [InlineData("/", HttpStatusCode.OK, "医疗救助自助服务")]
    [InlineData("/login", HttpStatusCode.OK, "获取验证码")]
    [InlineData("/no-such-page", HttpStatusCode.NotFound, "您要找的页面不存在或已移走。")]
    [InlineData("/error", HttpStatusCode.OK, "系统处理您的请求时出现问题，请稍后再试。")]
    public async Task Every_page_is_chinese_with_the_security_headers_and_no_inline_script(string path, HttpStatusCode status, string text)
    {
        await using var system = await PortalSystem.StartAsync(azurite.ConnectionString);
        using var client = system.PortalFactory().CreateClient(Https);

        using var response = await client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(text, html);
        Assert.Contains("lang=\"zh-CN\"", html);
        Assert.DoesNotContain("&#x", html); // CJK as characters (WebEncoderOptions), not entities
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("unsafe-inline", SecurityHeaders.ContentSecurityPolicy);
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)", html);
        Assert.DoesNotMatch("<style|style=\"", html);
    }

    [Fact]
    public async Task Records_need_a_session_and_a_form_without_its_antiforgery_token_is_refused()
    {
        await using var system = await PortalSystem.StartAsync(azurite.ConnectionString);
        using var client = system.PortalFactory().CreateClient(Https);

        using var records = await client.GetAsync("/records", Ct);
        Assert.Equal(HttpStatusCode.Redirect, records.StatusCode);
        Assert.StartsWith("https://localhost/login", records.Headers.Location!.ToString());

        using var form = new FormUrlEncodedContent([KeyValuePair.Create("idNumber", PortalSystem.IdNumberFor(1)), KeyValuePair.Create("name", "某某")]);
        using var forged = await client.PostAsync("/login", form, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(system.OutboxLines());

        using var verify = await client.GetAsync("/login/verify", Ct);
        Assert.Equal((HttpStatusCode.Redirect, "/login"), (verify.StatusCode, verify.Headers.Location?.OriginalString));
    }

    [Fact]
    public async Task Signing_in_sets_a_strict_http_only_secure_session_and_the_portal_shows_only_that_persons_records()
    {
        await using var system = await PortalSystem.StartAsync(azurite.ConnectionString);
        await system.PushAsync((8001, "王秀英", "13800138001"), (8002, "李桂兰", "13800138002"));
        using var client = system.PortalFactory().CreateClient(Https);

        using var verified = await PortalForms.SignInAsync(system, client, PortalSystem.IdNumberFor(8001), "王秀英");

        Assert.Equal((HttpStatusCode.Redirect, "/records"), (verified.StatusCode, verified.Headers.Location?.OriginalString));
        var cookie = verified.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(BeneficiarySession.CookieName + "=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.Contains("secure", cookie);
        Assert.DoesNotContain("expires=", cookie); // a session cookie: the 30-minute sliding lifetime is inside, signed

        // ?idNumber= or any other trick changes nothing: the page asks the API with the session's token only.
        using var records = await client.GetAsync("/records?idNumber=" + PortalSystem.IdNumberFor(8002), Ct);
        var html = await records.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, records.StatusCode);
        Assert.Contains(IdNumber.Mask(PortalSystem.IdNumberFor(8001)), html);
        Assert.DoesNotContain(IdNumber.Mask(PortalSystem.IdNumberFor(8002)), html);
        Assert.DoesNotContain(PortalSystem.IdNumberFor(8001), html);
        Assert.Contains("最低生活保障对象", html);
        Assert.Contains("暂无结算记录", html);
    }

    [Fact]
    public async Task A_tampered_session_cookie_is_no_session()
    {
        await using var system = await PortalSystem.StartAsync(azurite.ConnectionString);
        using var client = system.PortalFactory().CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/records");
        request.Headers.Add("Cookie", BeneficiarySession.CookieName + "=CfDJ8forged");

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task When_the_api_is_down_the_pages_say_so_in_chinese_and_the_status_line_is_not_fetched_per_view()
    {
        await using var system = await PortalSystem.StartAsync(azurite.ConnectionString);
        var factory = system.PortalFactory($"http://127.0.0.1:{FreePorts.Next()}/");
        using var client = factory.CreateClient(Https);

        for (var i = 0; i < 5; i++)
        {
            using var home = await client.GetAsync("/", Ct);
            Assert.Contains("暂时无法连接业务系统，请稍后再试", await home.Content.ReadAsStringAsync(Ct));
        }

        Assert.Equal(1, factory.Services.GetRequiredService<SystemStatusCache>().Fetches);
        using var login = await PortalForms.PostAsync(client, "/login", ("idNumber", PortalSystem.IdNumberFor(8101)), ("name", "某某"));
        var html = await login.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(ApiUnavailable.MessageZh, html);
        Assert.DoesNotContain("Exception", html);
    }
}
