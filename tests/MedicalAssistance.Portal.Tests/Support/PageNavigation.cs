using Microsoft.Playwright;

namespace MedicalAssistance.Portal.Tests.Support;

public static class PageNavigation
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Waits until the page is at <paramref name="urlGlob"/>. If it never gets there, the failure says where the page is and what
    /// it shows (a form that answered with an error stays on its own URL, and a bare timeout hid which error it was).
    /// </summary>
    public static async Task ArrivesAtAsync(this IPage page, string urlGlob)
    {
        try
        {
            await page.WaitForURLAsync(urlGlob, new() { Timeout = (float)Timeout.TotalMilliseconds });
        }
        catch (Exception ex) when (ex is System.TimeoutException or PlaywrightException)
        {
            var text = await page.Locator("body").InnerTextAsync(new() { Timeout = 5000 });
            throw new System.TimeoutException($"Not at {urlGlob} after {Timeout.TotalSeconds:F0} s; at {page.Url}, showing: {text[..Math.Min(text.Length, 600)]}", ex);
        }
    }
}
