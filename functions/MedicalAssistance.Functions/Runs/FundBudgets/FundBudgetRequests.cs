using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Policy.Identities;

using MedicalAssistance.Functions.OperatorData;

namespace MedicalAssistance.Functions.Runs.FundBudgets;

/// <summary>
/// <c>GET</c> / <c>PUT /api/fund-budgets/{profile}/{year}</c> and <c>GET …/versions</c>, staff keys only: the budgets, approved
/// totals and balances the yearly runs use (operator data, validated, versioned). Thin over <see cref="FundBudgetStore"/>.
/// </summary>
internal static class FundBudgetRequests
{
    internal static async Task<IResult> GetFundBudgetAsync(string profile, int year, FundBudgetStore store, CancellationToken cancellationToken) =>
        ProfileYearRoute.Problem(profile, year) ?? (await store.GetAsync(profile, year, cancellationToken) is { } current
            ? Results.Ok(current)
            : ApiProblem.Result(StatusCodes.Status404NotFound, "FUND_BUDGET_NOT_SET", $"{profile} {year}年度的基金预算尚未设置", $"No fund budget is set for {profile} {year}."));

    internal static async Task<IResult> GetFundBudgetVersionsAsync(string profile, int year, FundBudgetStore store, CancellationToken cancellationToken) =>
        ProfileYearRoute.Problem(profile, year) ?? Results.Ok(await store.VersionsAsync(profile, year, cancellationToken));

    internal static async Task<IResult> PutFundBudgetAsync(string profile, int year, HttpContext context, FundBudgetStore store, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (ProfileYearRoute.Problem(profile, year) is { } problem)
        {
            return problem;
        }

        var (budget, malformed) = await JsonBody.ReadAsync<FundBudget>(context.Request, cancellationToken);
        if (malformed is not null)
        {
            return malformed;
        }

        if (budget is null)
        {
            return ApiProblem.Result(StatusCodes.Status400BadRequest, "BUDGET_EMPTY", "请求内容为空", "The request has no body.", "body");
        }

        var validation = await new FundBudgetValidator(profile).ValidateAsync(budget, cancellationToken);
        if (!validation.IsValid)
        {
            var first = validation.Errors[0];
            return ApiProblem.Result(StatusCodes.Status400BadRequest, first.ErrorCode, first.ErrorMessage, $"Invalid fund budget value '{first.PropertyName}'.", first.PropertyName);
        }

        return Results.Ok(await store.PutAsync(profile, year, budget, context.GetFunctionCaller()?.Name ?? "", time.GetUtcNow(), cancellationToken));
    }
}
