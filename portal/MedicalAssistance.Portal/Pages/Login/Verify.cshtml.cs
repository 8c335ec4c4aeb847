using MedicalAssistance.Contracts;
using MedicalAssistance.Contracts.Beneficiaries;
using MedicalAssistance.Portal.Api;
using MedicalAssistance.Portal.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Portal.Pages.Login;

/// <summary><c>/login/verify</c>: the 6-digit code → the API's beneficiary token → the session cookie → <c>/records</c>.</summary>
public sealed class VerifyModel(IMedicalAssistanceApi api, IOptions<PortalApiOptions> options, PendingSignIn pending) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public string? Sent { get; private set; }

    public string? Message { get; private set; }

    public IActionResult OnGet()
    {
        if (pending.Recall(HttpContext) is null)
        {
            return Redirect("/login");
        }

        Sent = TempData["LoginMessage"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (pending.Recall(HttpContext) is not { } idNumber)
        {
            return Redirect("/login");
        }

        try
        {
            using var response = await api.VerifySignInCodeAsync(new BeneficiaryVerifyRequest(idNumber, Code?.Trim()), options.Value.PortalKey,
                HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
            if (response.IsSuccessStatusCode && response.Content is { } token)
            {
                PendingSignIn.Forget(HttpContext);
                await BeneficiarySession.SignInAsync(HttpContext, token);
                return Redirect("/records");
            }

            Message = ApiProblemText.Read(response, "验证码不正确或已失效，请重新获取验证码。");
        }
        catch (Exception ex) when (ApiUnavailable.Is(ex, cancellationToken))
        {
            Message = ApiUnavailable.MessageZh;
        }

        return Page();
    }
}
