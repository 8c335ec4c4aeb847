namespace MedicalAssistance.Functions.Runs.FundBudgets;

/// <summary>
/// A profile's fund figures for a year that the documents leave to the operator (issue "Runs" 6; policy-rules.md "Fund
/// management"): body of <c>PUT /api/fund-budgets/{profile}/{year}</c>. Amounts in yuan, to the fen.
/// </summary>
/// <param name="BudgetedExpenditure">The year's budgeted assistance expenditure (Baoshan Art. 21's base of the overspend rate; Jieyang 四(一)'s annual fund plan; Meizhou Art. 18's premium budget).</param>
/// <param name="AccumulatedBalance">The fund's accumulated balance at the start of the year (Baoshan Art. 21; Jieyang 四(二)'s carried-forward balance).</param>
/// <param name="ApprovedSubsidyTotal">Meizhou only: the approved enrolment-subsidy total of which September requests 90% (Art. 16(1)).</param>
/// <param name="CountyCoFunding">Baoshan only: the counties' matching funds due by 30 September (Art. 20).</param>
/// <param name="ActualSubsidyCost">Meizhou only: the year's enrolment subsidies at actual cost, set once known; the clearing by the end of the next August settles the prefund against it (Art. 17).</param>
public sealed record FundBudget(decimal? BudgetedExpenditure, decimal? AccumulatedBalance, decimal? ApprovedSubsidyTotal, decimal? CountyCoFunding,
    decimal? ActualSubsidyCost = null);
