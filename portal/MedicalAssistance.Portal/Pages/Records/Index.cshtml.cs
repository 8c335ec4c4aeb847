using System.Globalization;
using MedicalAssistance.Contracts;
using MedicalAssistance.Contracts.Beneficiaries;
using MedicalAssistance.Portal.Api;
using MedicalAssistance.Portal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Portal.Pages.Records;

/// <summary><c>/records</c> (我的记录): the signed-in person's own records, from the API with the session's token. No script.</summary>
[Authorize]
public sealed class RecordsModel(IMedicalAssistanceApi api, IOptions<PortalApiOptions> options) : PageModel
{
    public BeneficiaryRecords? Records { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await api.GetMyRecordsAsync(options.Value.PortalKey, BeneficiarySession.TokenOf(User) ?? "", cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                await BeneficiarySession.SignOutAsync(HttpContext);
                return Redirect("/login");
            }

            Records = response.Content;
            Message = Records is null ? ApiProblemText.Read(response, "暂时无法读取您的记录，请稍后再试。") : null;
        }
        catch (Exception ex) when (ApiUnavailable.Is(ex, cancellationToken))
        {
            Message = ApiUnavailable.MessageZh;
        }

        return Page();
    }

    public string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
