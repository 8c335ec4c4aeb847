using System.Globalization;
using MedicalAssistance.Contracts.Beneficiaries;
using MedicalAssistance.Functions.Beneficiaries.Records;
using MedicalAssistance.Functions.Beneficiaries.SignIn;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Functions.Persons;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Beneficiaries;

/// <summary>
/// What the beneficiary functions (<see cref="BeneficiaryHttpFunctions"/>, portal key) do with a request: <c>POST /api/beneficiaries/login</c>, <c>POST …/verify</c> and
/// <c>GET …/me/records</c> (portal key + beneficiary token). The logic is in <see cref="BeneficiarySignIn"/> and
/// <see cref="BeneficiaryRecordsReader"/>.
/// </summary>
internal static class BeneficiaryRequests
{
    public const string AcceptedMessage =
        "如果身份证号和姓名与登记信息一致，验证码已发送到登记的手机号码，5分钟内有效。如未收到短信，请联系当地医疗保障经办机构核对登记的联系电话。";

    internal static async Task<IResult> LoginAsync(HttpContext context, BeneficiarySignIn signIn, SignInAddressLimiter limiter, IOptions<BeneficiaryOptions> options, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(context);
        if (!lease.IsAcquired)
        {
            return LimitedByAddress(context, lease);
        }

        var (request, malformed) = await JsonBody.ReadAsync<BeneficiaryLoginRequest>(context.Request, cancellationToken);
        if (malformed is not null)
        {
            return malformed;
        }

        if (IdProblem(request?.IdNumber, out var idNumber) is { } problem)
        {
            return problem;
        }

        var name = request!.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 50)
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, "NAME_REQUIRED", "请填写姓名", "The name is required (at most 50 characters).", "name");
        }

        var result = await signIn.RequestCodeAsync(idNumber, name, cancellationToken);
        return result.Accepted
            ? Results.Json(new BeneficiaryLoginAccepted(AcceptedMessage, (int)options.Value.CodeLifetime.TotalSeconds), statusCode: StatusCodes.Status202Accepted)
            : TooMany(context, result.RetryAfter, "CODE_RATE_LIMITED", "验证码发送过于频繁，请稍后再试", "Too many codes were requested for this ID number.");
    }

    internal static async Task<IResult> VerifyAsync(HttpContext context, BeneficiarySignIn signIn, SignInAddressLimiter limiter, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(context);
        if (!lease.IsAcquired)
        {
            return LimitedByAddress(context, lease);
        }

        var (request, malformed) = await JsonBody.ReadAsync<BeneficiaryVerifyRequest>(context.Request, cancellationToken);
        if (malformed is not null)
        {
            return malformed;
        }

        if (IdProblem(request?.IdNumber, out var idNumber) is { } problem)
        {
            return problem;
        }

        var code = request!.Code?.Trim() ?? "";
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, "CODE_FORMAT", "请输入短信中的6位数字验证码", "The code must be 6 digits.", "code");
        }

        var result = await signIn.VerifyAsync(idNumber, code, cancellationToken);
        return result is null
            ? ApiProblem.Result(StatusCodes.Status400BadRequest, "CODE_INVALID", "验证码不正确或已失效，请重新获取验证码", "The code is wrong, used, expired or voided.", "code")
            : Results.Ok(new BeneficiaryToken(result.Token, result.Principal.ExpiresAt, result.MaskedIdNumber));
    }

    internal static async Task<IResult> RecordsAsync(HttpContext context, BeneficiaryRecordsReader reader, CancellationToken cancellationToken)
    {
        var records = await reader.GetAsync(context.GetBeneficiary().PersonKey, cancellationToken);
        return records is null
            ? ApiProblem.Result(StatusCodes.Status404NotFound, "PERSON_NOT_FOUND", "未找到您的登记信息", "No record of the signed-in person.")
            : Results.Ok(records);
    }

    private static IResult? IdProblem(string? text, out IdNumber idNumber) =>
        IdNumber.TryParse(text, out idNumber)
            ? null
            : ApiProblem.Result(StatusCodes.Status400BadRequest, "ID_NUMBER_INVALID", "身份证号格式不正确，请核对18位身份证号", "The ID number is not a valid 18-character resident ID number.", "idNumber");

    private static IResult LimitedByAddress(HttpContext context, System.Threading.RateLimiting.RateLimitLease lease) =>
        TooMany(context, lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1),
            "RATE_LIMITED", "请求过于频繁，请稍后再试", "Too many sign-in requests from this address.");

    private static IResult TooMany(HttpContext context, TimeSpan retryAfter, string code, string zh, string en)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return ApiProblem.Result(StatusCodes.Status429TooManyRequests, code, zh, en);
    }
}
