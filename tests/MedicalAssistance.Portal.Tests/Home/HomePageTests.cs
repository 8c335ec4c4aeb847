using MedicalAssistance.Functions;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Portal.Tests.Home;

public sealed class HomePageTests(AzuriteFixture azurite, BrowserFixture browser)
{
    [Fact]
    public async Task Home_page_shows_the_system_status_it_got_from_the_api()
    {
        await using var api = await RunningApp.StartAsync(FunctionsApp.Build(
            [.. RunningApp.LoopbackArgs, $"--{StorageAccount.ConnectionStringKey}={azurite.ConnectionString}", .. TestPersonSecrets.Args]), TestContext.Current.CancellationToken);
        await using var portal = await RunningApp.StartAsync(PortalApp.Build(
            [.. RunningApp.LoopbackArgs, $"--{PortalApp.ApiBaseUrlKey}={api.BaseAddress}"]), TestContext.Current.CancellationToken);
        var page = await browser.NewPhonePageAsync();

        await page.GotoAsync(portal.BaseAddress.ToString());

        var status = await page.GetByTestId("system-status").TextContentAsync();
        Assert.Equal("系统运行正常", status);
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("home-healthy"), FullPage = true });
    }

    [Fact]
    public async Task Home_page_says_in_chinese_when_the_api_cannot_be_reached()
    {
        await using var portal = await RunningApp.StartAsync(PortalApp.Build(
            [.. RunningApp.LoopbackArgs, $"--{PortalApp.ApiBaseUrlKey}=http://127.0.0.1:{FreePorts.Next()}/"]), TestContext.Current.CancellationToken);
        var page = await browser.NewPhonePageAsync();

        await page.GotoAsync(portal.BaseAddress.ToString());

        Assert.Equal("暂时无法连接业务系统，请稍后再试", await page.GetByTestId("system-status").TextContentAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("home-unreachable"), FullPage = true });
    }
}
