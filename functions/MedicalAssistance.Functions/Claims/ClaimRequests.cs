using System.Text.Json;
using MedicalAssistance.Contracts.Claims;
using MedicalAssistance.Functions.Claims.Parameters;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Policy.Validation;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// What the claims feature's HTTP functions (<see cref="ClaimHttpFunctions"/>) do with a request, over its services: <c>POST /api/claims</c>, <c>GET /api/claims/{id}</c>,
/// <c>POST /api/claims/{id}/reversal</c> (staff, or a facility key for its own facility's claims) and
/// <c>GET/PUT /api/settlement-parameters/{profile}/{year}</c> (+ <c>/versions</c>; staff).
/// </summary>
internal static class ClaimRequests
{
    internal static async Task<IResult> SubmitAsync(HttpContext context, ClaimIntake intake, CancellationToken cancellationToken)
    {
        if (ClaimSubmitter.Of(context.GetFunctionCaller()) is not { } submitter)
        {
            return Forbidden();
        }

        var request = context.Request;
        (List<JsonElement>? Claims, ClaimProblem? Problem) read;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            if (form.Files.Count == 0)
            {
                return Problem(new ClaimProblem(400, "FILE_MISSING", "file", "请上传 CSV 文件（字段 file）", "Upload a CSV file (form field 'file')."));
            }

            await using var file = form.Files[0].OpenReadStream();
            read = await ClaimRequestReader.ReadCsvAsync(file, cancellationToken);
        }
        else if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            read = await ClaimRequestReader.ReadCsvAsync(request.Body, cancellationToken);
        }
        else
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            }
            catch (JsonException)
            {
                return Problem(new ClaimProblem(400, ErrorCodes.MalformedJson, "$", "请求不是有效的 JSON", "The body is not valid JSON."));
            }

            using (document)
            {
                read = ClaimRequestReader.ReadJson(document);
                read = (read.Claims?.Select(c => c.Clone()).ToList(), read.Problem);
            }
        }

        if (read.Problem is { } problem)
        {
            return Problem(problem);
        }

        var result = await intake.SubmitAsync(read.Claims!, submitter, cancellationToken);
        return result.Problem is { } refused ? Problem(refused) : Results.Json(result.Accepted, statusCode: result.Status);
    }

    internal static async Task<IResult> GetAsync(string id, HttpContext context, ClaimViews views, CancellationToken cancellationToken)
    {
        if (ClaimSubmitter.Of(context.GetFunctionCaller()) is not { } reader)
        {
            return Forbidden();
        }

        var (view, problem) = await views.GetAsync(id, reader, cancellationToken);
        return problem is not null ? Problem(problem) : Results.Ok(view);
    }

    internal static async Task<IResult> ReverseAsync(string id, HttpContext context, ClaimViews views, CancellationToken cancellationToken)
    {
        if (ClaimSubmitter.Of(context.GetFunctionCaller()) is not { } by)
        {
            return Forbidden();
        }

        var (body, malformed) = await JsonBody.ReadAsync<ClaimReversalRequest>(context.Request, cancellationToken);
        if (malformed is not null)
        {
            return malformed;
        }

        var (view, problem) = await views.ReverseAsync(id, body?.Reason, by, cancellationToken);
        return problem is not null ? Problem(problem) : Results.Json(view, statusCode: StatusCodes.Status202Accepted);
    }

    internal static async Task<IResult> GetParametersAsync(string profile, int year, HttpContext context, SettlementParameterStore store, CancellationToken cancellationToken)
    {
        if (SettlementParameterSetting.RouteProblem(profile, year) is { } problem)
        {
            return Problem(problem);
        }

        if (await store.GetAsync(profile, year, cancellationToken) is not { } current)
        {
            return ApiProblem.Result(StatusCodes.Status404NotFound, "PARAMETERS_NOT_SET", $"{profile} {year}年度的结算参数尚未设置",
                $"No settlement parameters are set for {profile} {year}.");
        }

        context.Response.Headers["Parameters-Version"] = current.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Text(current.Json, "application/json");
    }

    internal static async Task<IResult> PutParametersAsync(string profile, int year, HttpContext context, SettlementParameterSetting setting, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return Problem(new ClaimProblem(400, ErrorCodes.MalformedJson, "$", "请求不是有效的 JSON", "The body is not valid JSON."));
        }

        using (document)
        {
            var (version, problem) = await setting.PutAsync(profile, year, document.RootElement, context.GetFunctionCaller()?.Name ?? "", cancellationToken);
            if (problem is not null)
            {
                return Problem(problem);
            }

            context.Response.Headers["Parameters-Version"] = version!.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Text(version.Json, "application/json");
        }
    }

    internal static async Task<IResult> GetParameterVersionsAsync(string profile, int year, SettlementParameterStore store, CancellationToken cancellationToken)
    {
        if (SettlementParameterSetting.RouteProblem(profile, year) is { } problem)
        {
            return Problem(problem);
        }

        var versions = await store.VersionsAsync(profile, year, cancellationToken);
        return Results.Ok(versions.Select(v => new { v.Version, v.SetBy, v.SetAt, parameters = JsonDocument.Parse(v.Json).RootElement }));
    }

    private static IResult Problem(ClaimProblem p) => ApiProblem.Result(p.Status, p.Code, p.MessageZh, p.MessageEn, p.Field);

    private static IResult Forbidden() => ApiProblem.Result(StatusCodes.Status403Forbidden, "FUNCTION_KEY_SCOPE",
        "该访问密钥无权处理结算记录（需要 staff 或 facility:<机构编码>）。", "Claims need a staff key or a facility key (facility:<code>).");
}
