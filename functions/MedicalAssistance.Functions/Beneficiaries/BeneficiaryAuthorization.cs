using MedicalAssistance.Functions.Beneficiaries.Tokens;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Beneficiaries;

/// <summary>
/// Beneficiary routes: the portal key (checked by the function-key layer) and a valid beneficiary token in
/// <c>Authorization: Bearer …</c>. The token's person is the only person the route may serve.
/// </summary>
public static class BeneficiaryAuthorization
{
    private static readonly object PrincipalItem = new();

    public static RouteHandlerBuilder RequireBeneficiary(this RouteHandlerBuilder builder) =>
        builder.RequireFunctionKey(FunctionScopes.Portal).AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            var header = context.Request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null;
            var principal = context.RequestServices.GetRequiredService<BeneficiaryTokens>().Validate(token);
            if (principal is null)
            {
                return ApiProblem.Result(StatusCodes.Status401Unauthorized, "BENEFICIARY_TOKEN_INVALID",
                    "登录已失效，请重新登录。", "The beneficiary token is missing, invalid or expired.", "authorization");
            }

            context.Items[PrincipalItem] = principal;
            return await next(invocation);
        });

    /// <summary>The signed-in beneficiary of a route mapped with <see cref="RequireBeneficiary"/>.</summary>
    public static BeneficiaryPrincipal GetBeneficiary(this HttpContext context) =>
        context.Items[PrincipalItem] as BeneficiaryPrincipal ?? throw new InvalidOperationException("The route is not mapped with RequireBeneficiary().");
}
