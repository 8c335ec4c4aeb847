using Microsoft.Playwright;

namespace MedicalAssistance.Portal.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright: no browser download. The flags keep Chromium off the network,
/// which this machine does not have (architecture.md §8).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh, which installs Debian's chromium.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A phone-sized page (390×844, the size of a common mid-range phone) in Chinese.</summary>
    public Task<IPage> NewPhonePageAsync() => NewPhonePageAsync(390, 844);

    /// <summary>
    /// A phone-sized page of the given size. <paramref name="bypassCsp"/> lets a test inject axe-core into pages whose CSP
    /// (rightly) refuses inline script.
    /// </summary>
    public async Task<IPage> NewPhonePageAsync(int width, int height, bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BypassCSP = bypassCsp,
            Locale = "zh-CN",
            IsMobile = true,
            HasTouch = true,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Where screenshots go: the test output folder, so CI keeps them beside the results.</summary>
    public static string ScreenshotPath(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name + ".png");
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
