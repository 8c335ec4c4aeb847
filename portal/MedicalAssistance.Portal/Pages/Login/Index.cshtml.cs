using MedicalAssistance.Contracts;
using MedicalAssistance.Contracts.Beneficiaries;
using MedicalAssistance.Portal.Api;
using MedicalAssistance.Portal.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Portal.Pages.Login;

/// <summary><c>/login</c>: ID number and name → the API sends a code to the phone on file → <c>/login/verify</c>.</summary>
public sealed class LoginModel(IMedicalAssistanceApi api, IOptions<PortalApiOptions> options, PendingSignIn pending) : PageModel
{
    [BindProperty]
    public string? IdNumber { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var id = IdNumber?.Trim().ToUpperInvariant() ?? "";
        try
        {
            using var response = await api.RequestSignInCodeAsync(new BeneficiaryLoginRequest(id, Name?.Trim()), options.Value.PortalKey,
                HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                pending.Remember(HttpContext, id);
                TempData["LoginMessage"] = response.Content?.Message;
                return Redirect("/login/verify");
            }

            Message = ApiProblemText.Read(response, "暂时无法发送验证码，请稍后再试。");
        }
        catch (Exception ex) when (ApiUnavailable.Is(ex, cancellationToken))
        {
            Message = ApiUnavailable.MessageZh;
        }

        return Page();
    }
}
