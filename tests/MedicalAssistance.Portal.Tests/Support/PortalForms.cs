using System.Net;
using System.Text.RegularExpressions;

namespace MedicalAssistance.Portal.Tests.Support;

/// <summary>Drives the portal's forms over HTTP as a browser without script would: GET the form, POST it with its antiforgery token.</summary>
internal static partial class PortalForms
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        using var page = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return TokenPattern().Match(await page.Content.ReadAsStringAsync(Ct)).Groups[1].Value;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        var token = await AntiforgeryTokenAsync(client, path);
        using var form = new FormUrlEncodedContent([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), KeyValuePair.Create("__RequestVerificationToken", token)]);
        return await client.PostAsync(path, form, Ct);
    }

    /// <summary>Signs in through /login and /login/verify with the code from the outbox; returns the verify response (a redirect to /records).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(PortalSystem system, HttpClient client, string idNumber, string name, int smsCount = 1)
    {
        using (var login = await PostAsync(client, "/login", ("idNumber", idNumber), ("name", name)))
        {
            Assert.Equal((HttpStatusCode.Redirect, "/login/verify"), (login.StatusCode, login.Headers.Location?.OriginalString));
        }

        var code = await system.CodeFromOutboxAsync(smsCount);
        return await PostAsync(client, "/login/verify", ("code", code));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
