using MedicalAssistance.Contracts.Rosters;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Storage;
using Microsoft.AspNetCore.Http.Features;

namespace MedicalAssistance.Functions.Rosters.Http;

/// <summary>
/// <c>POST /api/departments/{department}/rosters</c> (multipart file or JSON rows → 202 + batch id) and
/// <c>GET …/rosters/{batchId}</c> (+ <c>/report.csv</c>). A department key reaches only its own department; staff keys any.
/// </summary>
internal static class RosterRequests
{
    internal static async Task<IResult> PushAsync(
        string department, HttpContext context, DepartmentStore departments, RosterUploadReceiver function, CancellationToken cancellationToken)
    {
        if (await departments.GetAsync(department, cancellationToken) is null)
        {
            return UnknownDepartment(department);
        }

        // The size is decided here, once, on what the client sent: a JSON body up to the file limit, a multipart body up to
        // the file limit plus its framing (the file part itself is checked below). Kestrel's 30 MB default would cut both.
        var maxBytes = function.MaxFileBytes;
        var maxBody = context.Request.HasFormContentType ? maxBytes + 1024 * 1024 : maxBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxBody;
        }

        if (context.Request.ContentLength > maxBody)
        {
            return TooLarge(maxBytes);
        }

        var caller = context.GetFunctionCaller()?.Name ?? "anonymous";
        try
        {
            if (context.Request.HasFormContentType)
            {
                var form = await context.Request.ReadFormAsync(cancellationToken);
                if (form.Files.Count == 0)
                {
                    return ApiProblem.Result(StatusCodes.Status400BadRequest, "FILE_MISSING", "请求中没有文件：请以 multipart/form-data 上传 CSV 或 XLSX 文件", "The multipart request has no file part.", "file");
                }

                var file = form.Files.GetFile("file") ?? form.Files[0];
                if (file.Length > maxBytes)
                {
                    return TooLarge(maxBytes);
                }

                await using var stream = file.OpenReadStream();
                return Accepted(department, await function.RunAsync(department, caller, new RosterUpload.File(stream, file.FileName), cancellationToken));
            }

            if (context.Request.HasJsonContentType())
            {
                var request = await context.Request.ReadFromJsonAsync<RosterPushRequest>(Reading.RosterJson.Options, cancellationToken);
                if (request?.Rows is not { Count: > 0 } rows)
                {
                    return ApiProblem.Result(StatusCodes.Status400BadRequest, "ROWS_MISSING", "请求中没有名单行（rows）", "The request has no rows.", "rows");
                }

                return Accepted(department, await function.RunAsync(department, caller, new RosterUpload.Rows(rows), cancellationToken));
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(maxBytes);
        }
        catch (System.Text.Json.JsonException ex) when (Reading.RosterJson.IsDuplicateKey(ex))
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, "DUPLICATE_KEY", "请求中有重复的键（同一字段出现了两次），无法确定哪一个值有效", "A JSON object repeats a key.", ex.Path);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException)
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, "INVALID_BODY", "请求内容格式不正确：" + ex.GetType().Name, "The request body could not be read.");
        }

        return ApiProblem.Result(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
            "只接受 multipart/form-data（CSV 或 XLSX 文件）或 application/json（名单行）", "Send multipart/form-data with a file, or application/json rows.");
    }

    internal static async Task<IResult> GetAsync(string department, string batchId, RosterBatchReportReader function, CancellationToken cancellationToken) =>
        await function.RunAsync(department, batchId, cancellationToken) is { } report
            ? Results.Ok(report)
            : UnknownBatch(batchId);

    internal static async Task<IResult> DownloadReportAsync(string department, string batchId, StorageAccount storage, Microsoft.Extensions.Options.IOptions<RosterOptions> options, CancellationToken cancellationToken)
    {
        if (!RosterFiles.IsBatchId(batchId))
        {
            return UnknownBatch(batchId);
        }

        var blob = storage.Container(options.Value.ReportsContainer).GetBlobClient(RosterFiles.ReportBlobName(department, batchId));
        try
        {
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            return Results.Stream(download.Value.Content, "text/csv; charset=utf-8", $"{batchId}.csv");
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return ApiProblem.Result(StatusCodes.Status404NotFound, "REPORT_NOT_READY", "报告尚未生成（批次仍在排队或处理中）", "The batch has no report yet.");
        }
    }

    private static IResult Accepted(string department, RosterBatchAccepted accepted) =>
        Results.Accepted($"/api/departments/{department}/rosters/{accepted.BatchId}", accepted);

    private static IResult UnknownDepartment(string department) =>
        ApiProblem.Result(StatusCodes.Status404NotFound, "UNKNOWN_DEPARTMENT", $"未知的部门“{department}”", $"Unknown department '{department}'.", "department");

    private static IResult UnknownBatch(string batchId) =>
        ApiProblem.Result(StatusCodes.Status404NotFound, "UNKNOWN_BATCH", "找不到该批次", $"No roster batch '{batchId}' for this department.", "batchId");

    private static IResult TooLarge(long maxBytes) =>
        ApiProblem.Result(StatusCodes.Status413PayloadTooLarge, Reading.RosterFileErrorCodes.FileTooLarge,
            Reading.RosterFileReader.TooLarge(maxBytes).Message, $"The file exceeds the {maxBytes} byte limit.", "file");
}
