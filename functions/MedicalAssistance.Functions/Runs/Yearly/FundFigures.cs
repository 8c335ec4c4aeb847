using System.Globalization;
using MedicalAssistance.Functions.Runs.FundBudgets;
using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Functions.Runs.Settlement;

namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// The figures the yearly rules start from, each read from where the repository keeps it: actual assistance spending from the
/// journal lines monthly-settlement posted (<see cref="FundPostings"/>), what an earlier yearly run posted, the operator's fund
/// budget (<see cref="FundBudgetStore"/>, version in force) and whether a run of another period is done (<see cref="RunStore"/>).
/// </summary>
public sealed class FundFigures(FundJournalStore journal, FundBudgetStore budgets, RunStore runs)
{
    /// <summary>
    /// A year's actual assistance (实际救助支出): inpatient and outpatient assistance that monthly-settlement posted in the year's
    /// twelve months, debits less credits (recoveries of the same year reduce it; those of earlier years are other income, Art. 24).
    /// </summary>
    public async Task<decimal> AssistanceAsync(string profile, int year, CancellationToken cancellationToken)
    {
        var total = 0m;
        for (var month = 1; month <= 12; month++)
        {
            await foreach (var line in journal.ReadAsync(profile, MonthOf(year, month), cancellationToken))
            {
                if (line.Run == MonthlySettlement.RunName && line.Code == FundSubjects.InpatientAssistance.Code
                    && (line.Detail == FundSubjects.InpatientAssistance.Detail || line.Detail == FundSubjects.OutpatientAssistance.Detail))
                {
                    total += line.Side == JournalSide.Debit ? line.Amount : -line.Amount;
                }
            }
        }

        return total;
    }

    /// <summary>What <paramref name="run"/> posted to <paramref name="subject"/> in a profile's books for a month: debits less credits.</summary>
    public async Task<decimal> PostedAsync(string profile, string period, string run, FundSubject subject, CancellationToken cancellationToken)
    {
        var net = 0m;
        await foreach (var line in journal.ReadAsync(profile, period, cancellationToken))
        {
            if (line.Run == run && line.Code == subject.Code && line.Detail == subject.Detail)
            {
                net += line.Side == JournalSide.Debit ? line.Amount : -line.Amount;
            }
        }

        return net;
    }

    /// <summary>The fund budget in force for a profile and year; a run that needs it fails with what to set when there is none.</summary>
    public async Task<FundBudgetVersion> BudgetAsync(string profile, int year, string run, CancellationToken cancellationToken) =>
        await budgets.GetAsync(profile, year, cancellationToken)
        ?? throw new InvalidOperationException(FormattableString.Invariant(
            $"{run}: no fund budget is set for {profile} {year}; set it with PUT /api/fund-budgets/{profile}/{year} and run again."));

    public Task<FundBudgetVersion?> FindBudgetAsync(string profile, int year, CancellationToken cancellationToken) => budgets.GetAsync(profile, year, cancellationToken);

    public async Task<bool> IsDoneAsync(string run, int year, CancellationToken cancellationToken) =>
        await runs.GetAsync(run, year.ToString("D4", CultureInfo.InvariantCulture), cancellationToken) is { State.Status: RunStatus.Done };

    public static string MonthOf(int year, int month) => new RunPeriod(year, month).ToString();

    /// <summary>An amount to the fen (docs/policy-rules.md §1.6: AwayFromZero).</summary>
    public static decimal Fen(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    public static string Money(decimal value) => SettlementFiles.Money(value);

    /// <summary>Where a budget figure comes from: <c>fund-budgets {profile}/{year} v{n}</c>.</summary>
    public static string Source(FundBudgetVersion budget) => FormattableString.Invariant($"fund-budgets {budget.Profile}/{budget.Year} v{budget.Version}");
}
