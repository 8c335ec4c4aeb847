using MedicalAssistance.Contracts;
using MedicalAssistance.Contracts.Beneficiaries;
using MedicalAssistance.Portal.Api;
using MedicalAssistance.Portal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Portal.Pages.Reimbursements;

/// <summary><c>/reimbursements</c>: the signed-in person's applications and their status.</summary>
[Authorize]
public sealed class ListModel(IMedicalAssistanceApi api, IOptions<PortalApiOptions> options) : PageModel
{
    public IReadOnlyList<BeneficiaryApplication>? Applications { get; private set; }

    public string? Message { get; private set; }

    [BindProperty(SupportsGet = true)]
    public bool Submitted { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await api.GetMyReimbursementsAsync(options.Value.PortalKey, BeneficiarySession.TokenOf(User) ?? "", cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                await BeneficiarySession.SignOutAsync(HttpContext);
                return Redirect("/login");
            }

            Applications = response.Content;
            Message = Applications is null ? ApiProblemText.Read(response, "暂时无法读取报销申请，请稍后再试。") : null;
        }
        catch (Exception ex) when (ApiUnavailable.Is(ex, cancellationToken))
        {
            Message = ApiUnavailable.MessageZh;
        }

        return Page();
    }
}
