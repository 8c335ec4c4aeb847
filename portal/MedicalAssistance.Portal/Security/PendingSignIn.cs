using Microsoft.AspNetCore.DataProtection;

namespace MedicalAssistance.Portal.Security;

/// <summary>
/// Between /login and /login/verify the ID number is kept in a short-lived cookie, encrypted and signed with data protection
/// (HttpOnly, SameSite=Strict), so the verify page never shows or asks for it again.
/// </summary>
public sealed class PendingSignIn(IDataProtectionProvider provider, IWebHostEnvironment environment)
{
    public const string CookieName = "ma.pending";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("MedicalAssistance.Portal.PendingSignIn").ToTimeLimitedDataProtector();

    public void Remember(HttpContext context, string idNumber) =>
        context.Response.Cookies.Append(CookieName, _protector.Protect(idNumber, Lifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = !environment.IsDevelopment() || context.Request.IsHttps,
            MaxAge = Lifetime,
            Path = "/login",
        });

    public string? Recall(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } value)
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public static void Forget(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/login" });
}
