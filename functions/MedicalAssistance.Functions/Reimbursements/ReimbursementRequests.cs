using System.Globalization;
using System.Text.Json;
using MedicalAssistance.Contracts.Beneficiaries;
using MedicalAssistance.Contracts.Reimbursements;
using MedicalAssistance.Functions.Beneficiaries;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using Microsoft.AspNetCore.Http.Features;

namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>
/// What the manual reimbursement functions (<see cref="ReimbursementHttpFunctions"/>) do with a request. Beneficiary (portal key + token): <c>POST /api/reimbursements</c> (multipart:
/// field <c>visit</c> = JSON, files in <c>invoice</c> / <c>dischargeSummary</c> / <c>expenseList</c>, header
/// <c>Idempotency-Key</c>), <c>GET /api/beneficiaries/me/reimbursements</c>. Staff: <c>GET /api/reimbursements?status=…</c>,
/// <c>GET …/{id}</c>, <c>GET …/{id}/materials/{index}</c> (streamed), <c>POST …/{id}/decision</c>. Logic: <see cref="ReimbursementService"/>.
/// </summary>
internal static class ReimbursementRequests
{
    internal const string IdempotencyHeader = "Idempotency-Key";
    private const long MaxRequestBytes = MaterialFiles.MaxFiles * MaterialFiles.MaxBytes + 1024 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal static async Task<IResult> SubmitAsync(HttpContext context, ReimbursementService service, CancellationToken cancellationToken)
    {
        var key = context.Request.Headers[IdempotencyHeader].ToString();
        if (!ReimbursementService.IsIdempotencyKey(key))
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, "IDEMPOTENCY_KEY_REQUIRED", "缺少提交编号，请刷新页面后重新提交",
                "An Idempotency-Key header (8–64 letters, digits, '-' or '_') is required.", IdempotencyHeader);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxRequestBytes;
        }

        if (!context.Request.HasFormContentType)
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, "MULTIPART_REQUIRED", "请以表单方式上传材料", "The body must be multipart/form-data.", "body");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        ReimbursementVisit? visit;
        try
        {
            visit = JsonSerializer.Deserialize<ReimbursementVisit>(form["visit"].ToString() is { Length: > 0 } text ? text : "null", Json);
        }
        catch (JsonException)
        {
            visit = null;
        }

        if (visit is null)
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, "VISIT_REQUIRED", "请填写就医信息", "The 'visit' field (JSON) is missing or invalid.", "visit");
        }

        var uploads = form.Files.Select(f => new ReimbursementUpload(f.Name, f.FileName, f.Length, f.OpenReadStream)).ToList();
        var result = await service.SubmitAsync(context.GetBeneficiary().PersonKey, key, visit, uploads, cancellationToken);
        if (result.Problem is { } p)
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, p.Code, p.MessageZh, p.MessageEn, p.Field);
        }

        var a = result.Application!;
        var receipt = new ReimbursementReceipt(a.ApplicationId, a.Status, ReimbursementStatus.NameOf(a.Status));
        return result.Created ? Results.Created($"/api/beneficiaries/me/reimbursements#{a.ApplicationId}", receipt) : Results.Ok(receipt);
    }

    internal static async Task<IResult> MineAsync(HttpContext context, ReimbursementService service, CancellationToken cancellationToken) =>
        Results.Ok(BeneficiaryApplicationsFromReimbursements.Map(await service.ListForPersonAsync(context.GetBeneficiary().PersonKey, cancellationToken)));

    internal static async Task<IResult> ListAsync(HttpRequest request, ReimbursementService service, CancellationToken cancellationToken)
    {
        var status = request.Query["status"].FirstOrDefault();
        var continuationToken = request.Query["continuationToken"].FirstOrDefault();
        int? pageSize = null;
        if (request.Query["pageSize"].FirstOrDefault() is { } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return ApiProblem.Result(StatusCodes.Status400BadRequest, "PAGE_SIZE_INVALID", "每页条数应为整数", "pageSize must be an integer.", "pageSize");
            }

            pageSize = parsed;
        }

        if (status is not null && !ReimbursementStatus.All.Contains(status))
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, "STATUS_INVALID", $"未知的状态，可用：{string.Join("、", ReimbursementStatus.All)}", "Unknown status.", "status");
        }

        var size = Math.Clamp(pageSize ?? 50, 1, 200);
        var (items, next) = await service.PageAsync(status, size, continuationToken, cancellationToken);
        return Results.Ok(new ReimbursementPage(
            items.Select(a => new ReimbursementSummary(a.ApplicationId, a.MaskedIdNumber, a.Status, ReimbursementStatus.NameOf(a.Status), a.SubmittedAt, a.Visit.FacilityName ?? "", a.Visit.Admission ?? default)).ToList(),
            next));
    }

    internal static async Task<IResult> GetAsync(string id, HttpContext context, ReimbursementService service, CancellationToken cancellationToken)
    {
        var application = IsId(id) ? await service.OpenForReviewAsync(id, context.GetFunctionCaller()!.Name, cancellationToken) : null;
        return application is null ? NotFound() : Results.Ok(Detail(application));
    }

    internal static async Task<IResult> MaterialAsync(string id, int index, ReimbursementService service, CancellationToken cancellationToken)
    {
        if (!IsId(id) || await service.MaterialAsync(id, index, cancellationToken) is not { } material
            || await service.OpenMaterialAsync(id, index, cancellationToken) is not { } stream)
        {
            return NotFound();
        }

        return Results.Stream(stream, material.ContentType, material.FileName);
    }

    internal static async Task<IResult> DecideAsync(string id, HttpContext context, ReimbursementService service, CancellationToken cancellationToken)
    {
        var (decision, malformed) = await JsonBody.ReadAsync<ReimbursementDecision>(context.Request, cancellationToken);
        if (malformed is not null)
        {
            return malformed;
        }

        if (!IsId(id))
        {
            return NotFound();
        }

        if (decision is null)
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, "DECISION_REQUIRED", "请求内容为空", "The request has no body.", "body");
        }

        var (application, problem) = await service.DecideAsync(id, decision, context.GetFunctionCaller()!.Name, cancellationToken);
        if (problem is not null)
        {
            var status = problem.Code is "STATUS_CONFLICT" or "CONCURRENT_UPDATE" ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return ApiProblem.Result(status, problem.Code, problem.MessageZh, problem.MessageEn, problem.Field);
        }

        return application is null ? NotFound() : Results.Ok(Detail(application));
    }

    private static ReimbursementDetail Detail(ReimbursementApplication a) => new(
        a.ApplicationId, a.MaskedIdNumber, a.Visit, a.Status, ReimbursementStatus.NameOf(a.Status), a.SubmittedAt,
        a.Materials.Select(m => new ReimbursementMaterial(m.Index, m.Kind, m.FileName, m.ContentType, m.Size,
            string.Create(CultureInfo.InvariantCulture, $"/api/reimbursements/{a.ApplicationId}/materials/{m.Index}"))).ToList(),
        a.History, a.CheckedPolicyScopeSelfPay, a.CheckedOutOfPolicySelfPay, a.RejectionReason, a.ClaimId);

    private static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    private static IResult NotFound() =>
        ApiProblem.Result(StatusCodes.Status404NotFound, "REIMBURSEMENT_NOT_FOUND", "未找到该报销申请", "No such reimbursement application.", "id");
}
