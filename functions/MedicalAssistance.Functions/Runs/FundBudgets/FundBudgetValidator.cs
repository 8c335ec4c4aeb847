using FluentValidation;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Runs.FundBudgets;

/// <summary>
/// Checks the fund figures an operator sets for a profile and year: the budget is required; amounts are 0 or more, to the fen
/// and below <see cref="MaxAmount"/>; a figure only one profile's rules use is refused for the others, so that a value set for
/// the wrong region is not silently ignored. Field names are the JSON names; messages are Chinese.
/// </summary>
public sealed class FundBudgetValidator : AbstractValidator<FundBudget>
{
    /// <summary>一千亿元: far above any city's yearly assistance fund; a larger figure is a typing error.</summary>
    public const decimal MaxAmount = 100_000_000_000m;

    public FundBudgetValidator(string profile)
    {
        RuleFor(b => b.BudgetedExpenditure).NotNull().OverridePropertyName("budgetedExpenditure").WithErrorCode("BUDGET_REQUIRED")
            .WithMessage("请填写年度预算支出 budgetedExpenditure");
        Amount(b => b.BudgetedExpenditure, "budgetedExpenditure", "年度预算支出");
        Amount(b => b.AccumulatedBalance, "accumulatedBalance", "累计结余");
        Amount(b => b.ApprovedSubsidyTotal, "approvedSubsidyTotal", "核定资助总额");
        Amount(b => b.CountyCoFunding, "countyCoFunding", "县级配套资金");
        Amount(b => b.ActualSubsidyCost, "actualSubsidyCost", "资助参保实际支出");
        RuleFor(b => b.ApprovedSubsidyTotal).Null().When(_ => profile != IdentityTypes.Meizhou)
            .OverridePropertyName("approvedSubsidyTotal").WithErrorCode("PARAMETER_NOT_USED").WithMessage($"{profile}不使用核定资助总额（仅梅州第16条）");
        RuleFor(b => b.CountyCoFunding).Null().When(_ => profile != IdentityTypes.Baoshan)
            .OverridePropertyName("countyCoFunding").WithErrorCode("PARAMETER_NOT_USED").WithMessage($"{profile}不使用县级配套资金（仅保山第20条）");
        RuleFor(b => b.ActualSubsidyCost).Null().When(_ => profile != IdentityTypes.Meizhou)
            .OverridePropertyName("actualSubsidyCost").WithErrorCode("PARAMETER_NOT_USED").WithMessage($"{profile}不使用资助参保实际支出（仅梅州第17条）");
    }

    private void Amount(System.Linq.Expressions.Expression<Func<FundBudget, decimal?>> amount, string field, string name)
    {
        var value = amount.Compile();
        RuleFor(amount).Must(a => a is >= 0m and <= MaxAmount && decimal.Round(a.Value, 2) == a.Value).When(b => value(b) is not null)
            .OverridePropertyName(field).WithErrorCode("AMOUNT_INVALID").WithMessage($"{name}应不小于0、不超过{MaxAmount:0}元，且最多两位小数");
    }
}
