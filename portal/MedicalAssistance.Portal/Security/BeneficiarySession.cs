using System.Security.Claims;
using MedicalAssistance.Contracts.Beneficiaries;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MedicalAssistance.Portal.Security;

/// <summary>
/// The signed-in beneficiary's session: an encrypted and signed cookie (ASP.NET Core data protection), HttpOnly,
/// SameSite=Strict, Secure outside development, 30 minutes sliding, never longer than the API token inside it.
/// </summary>
public static class BeneficiarySession
{
    public const string CookieName = "ma.session";
    public const string TokenClaim = "ma:token";
    public const string TokenExpiresClaim = "ma:token-expires";
    public const string MaskedIdClaim = "ma:masked-id";

    public static IServiceCollection AddBeneficiarySession(this IServiceCollection services, bool development)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            options.SlidingExpiration = true;
            options.LoginPath = "/login";
            options.LogoutPath = "/logout";
            options.AccessDeniedPath = "/login";
            options.Events.OnValidatePrincipal = context =>
            {
                // The API token inside has a fixed lifetime: past it, the session ends (the API would refuse it anyway).
                var expires = context.Principal?.FindFirstValue(TokenExpiresClaim);
                if (expires is null || !DateTimeOffset.TryParse(expires, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
                    || at <= DateTimeOffset.UtcNow)
                {
                    context.RejectPrincipal();
                }

                return Task.CompletedTask;
            };
        });
        services.AddAuthorization();
        return services;
    }

    public static Task SignInAsync(HttpContext context, BeneficiaryToken token)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(TokenClaim, token.Token),
            new Claim(TokenExpiresClaim, token.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(MaskedIdClaim, token.MaskedIdNumber),
        ], CookieAuthenticationDefaults.AuthenticationScheme);
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = false });
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);

    public static string? TokenOf(ClaimsPrincipal user) => user.FindFirstValue(TokenClaim);

    public static string? MaskedIdOf(ClaimsPrincipal user) => user.FindFirstValue(MaskedIdClaim);
}
