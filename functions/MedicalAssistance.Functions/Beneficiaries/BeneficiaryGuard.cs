using MedicalAssistance.Functions.Beneficiaries.Tokens;
using MedicalAssistance.Hosting.Catalog;
using MedicalAssistance.Hosting.Http;

namespace MedicalAssistance.Functions.Beneficiaries;

/// <summary>Checks the beneficiary token of functions marked <see cref="BeneficiaryAttribute"/> (401 <c>BENEFICIARY_TOKEN_INVALID</c>).</summary>
public sealed class BeneficiaryGuard(BeneficiaryTokens tokens) : IHttpFunctionGuard
{
    public ValueTask<IResult?> CheckAsync(HttpContext context, FunctionDescriptor target)
    {
        if (!target.Attributes<BeneficiaryAttribute>().Any())
        {
            return ValueTask.FromResult<IResult?>(null);
        }

        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null;
        if (tokens.Validate(token) is not { } principal)
        {
            return ValueTask.FromResult<IResult?>(ApiProblem.Result(StatusCodes.Status401Unauthorized, "BENEFICIARY_TOKEN_INVALID",
                "登录已失效，请重新登录。", "The beneficiary token is missing, invalid or expired.", "authorization"));
        }

        context.Items[BeneficiaryAuthorization.PrincipalItem] = principal;
        return ValueTask.FromResult<IResult?>(null);
    }
}
