using System.Globalization;
using System.Text.Json;
using MedicalAssistance.Contracts;
using MedicalAssistance.Contracts.Reimbursements;
using MedicalAssistance.Portal.Api;
using MedicalAssistance.Portal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using StreamPart = Refit.StreamPart;

namespace MedicalAssistance.Portal.Pages.Reimbursements;

/// <summary>
/// <c>/reimbursements/new</c>: the visit and its materials, forwarded to <c>POST /api/reimbursements</c> with the form's
/// idempotency key (made when the form is shown), so a double tap or a retried upload never creates a second application.
/// Works without script; <c>/assets/upload.js</c> adds upload progress.
/// </summary>
[Authorize]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class NewModel(IMedicalAssistanceApi api, IOptions<PortalApiOptions> options) : PageModel
{
    public const int MaxFiles = 10;
    public const long MaxFileBytes = 10 * 1024 * 1024;
    private const long MaxRequestBytes = MaxFiles * MaxFileBytes + 1024 * 1024;

    public static readonly IReadOnlyList<(string Id, string Name)> Profiles =
    [
        ("meizhou-2025", "广东省梅州市"), ("jieyang-2019", "广东省揭阳市"), ("inner-mongolia-2024", "内蒙古自治区"),
        ("baoshan-2023", "云南省保山市"), ("tumxuk-2025", "新疆图木舒克市"),
    ];

    [BindProperty] public string IdempotencyKey { get; set; } = "";
    [BindProperty] public string? Profile { get; set; }
    [BindProperty] public string? Kind { get; set; } = "inpatient";
    [BindProperty] public string? Admission { get; set; }
    [BindProperty] public string? Discharge { get; set; }
    [BindProperty] public string? FacilityName { get; set; }
    [BindProperty] public bool Designated { get; set; } = true;
    [BindProperty] public bool InProvince { get; set; } = true;
    [BindProperty] public string? PolicyScopeSelfPay { get; set; }
    [BindProperty] public string? OutOfPolicySelfPay { get; set; }

    public string? Message { get; private set; }

    public void OnGet() => IdempotencyKey = Guid.NewGuid().ToString("N");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var files = Request.Form.Files;
        if (files.Count > MaxFiles || files.Any(f => f.Length > MaxFileBytes))
        {
            Message = $"最多上传{MaxFiles}个文件，每个不超过10MB。";
            return Page();
        }

        if (!Decimal(PolicyScopeSelfPay, out var policyScope) || !Decimal(OutOfPolicySelfPay, out var outOfPolicy))
        {
            Message = "金额请填写数字，例如 1234.50";
            return Page();
        }

        var visit = new ReimbursementVisit(Profile, Kind, Date(Admission), Date(Discharge), FacilityName, Designated, InProvince, policyScope, outOfPolicy);
        StreamPart[] Parts(string kind) => [.. files.Where(f => f.Name == kind).Select(f => new StreamPart(f.OpenReadStream(), Path.GetFileName(f.FileName), f.ContentType))];
        try
        {
            using var response = await api.SubmitReimbursementAsync(JsonSerializer.Serialize(visit, JsonSerializerOptions.Web), Parts("invoice"), Parts("dischargeSummary"), Parts("expenseList"),
                IdempotencyKey, options.Value.PortalKey, BeneficiarySession.TokenOf(User) ?? "", cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                await BeneficiarySession.SignOutAsync(HttpContext);
                return Redirect("/login");
            }

            if (response.IsSuccessStatusCode)
            {
                return Redirect("/reimbursements?submitted=true");
            }

            Message = ApiProblemText.Read(response, "提交未成功，请检查后重试。");
        }
        catch (Exception ex) when (ApiUnavailable.Is(ex, cancellationToken))
        {
            Message = ApiUnavailable.MessageZh;
        }

        return Page();
    }

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static bool Decimal(string? text, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var ok = decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed);
        value = ok ? parsed : null;
        return ok;
    }
}
