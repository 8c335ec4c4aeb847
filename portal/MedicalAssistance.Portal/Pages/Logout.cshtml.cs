using MedicalAssistance.Portal.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedicalAssistance.Portal.Pages;

/// <summary><c>POST /logout</c>: ends the session (antiforgery-checked, so no other site can sign anyone out).</summary>
public sealed class LogoutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await BeneficiarySession.SignOutAsync(HttpContext);
        return Redirect("/");
    }
}
