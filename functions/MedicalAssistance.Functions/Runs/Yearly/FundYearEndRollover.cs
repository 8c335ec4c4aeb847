using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Policy.Profiles;

namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// <c>fund-year-end-rollover</c> for year Y, every profile (calendar-year periods, Meizhou Art. 19; a year-end balance carries over,
/// Jieyang 四(二), Baoshan Art. 17): from every line posted in the twelve months of Y (the opening lines of Y included), closes each
/// income and expenditure subject into the accumulated balance (lines in December of Y) and opens each balance account with its
/// closing balance in January of Y + 1 (run <see cref="OpeningRun"/>, against the accumulated balance). Opens once Y has ended, and
/// refuses to run before Baoshan's overspend sharing of Y, which posts to December.
/// </summary>
public sealed class FundYearEndRollover(FundJournalStore journal, FundFigures figures) : IYearlyRule
{
    public const string RunName = "fund-year-end-rollover";

    /// <summary>The run name of the opening lines in January of Y + 1, so that closing Y + 1 reads them and not the closing lines of Y.</summary>
    public const string OpeningRun = RunName + ":opening";

    public string Name => RunName;

    public YearlyCalendar Calendar => YearlyCalendar.AfterYearEnd;

    public IReadOnlyList<string> PostingPeriods(int year) => [FundFigures.MonthOf(year, 12), FundFigures.MonthOf(year + 1, 1)];

    public async Task<IReadOnlyList<YearlyAmount>> ComputeAsync(int year, CancellationToken cancellationToken)
    {
        if (await figures.FindBudgetAsync(IdentityTypes.Baoshan, year, cancellationToken) is not null
            && !await figures.IsDoneAsync(BaoshanOverspendSharing.RunName, year, cancellationToken))
        {
            throw new InvalidOperationException(FormattableString.Invariant(
                $"{RunName} {year}: run {BaoshanOverspendSharing.RunName} --period {year} first (it posts to {year}-12)."));
        }

        var amounts = new List<YearlyAmount>();
        foreach (var profile in PolicyProfiles.All.Select(p => p.Id).Order(StringComparer.Ordinal))
        {
            var nets = new SortedDictionary<(string Code, string Detail), decimal>();
            for (var month = 1; month <= 12; month++)
            {
                await foreach (var line in journal.ReadAsync(profile, FundFigures.MonthOf(year, month), cancellationToken))
                {
                    if (line.Run != RunName)
                    {
                        nets[(line.Code, line.Detail)] = nets.GetValueOrDefault((line.Code, line.Detail)) + (line.Side == JournalSide.Debit ? line.Amount : -line.Amount);
                    }
                }
            }

            var closing = FundFigures.MonthOf(year, 12);
            var opening = FundFigures.MonthOf(year + 1, 1);
            var closed = 0m;
            foreach (var ((code, detail), net) in nets.Where(n => n.Value != 0m && YearlySubjects.IsIncomeOrExpenditure(n.Key.Code)))
            {
                closed += net;
                amounts.Add(new YearlyAmount(profile, "年终结账：收支科目转入累计结余", "梅州第19条（按公历年度会计期间）；保山第17条、揭阳四(二)（年末结余结转下年）", "",
                    FormattableString.Invariant($"{code}{(detail.Length == 0 ? "" : "/" + detail)} {year}年借贷差额 {FundFigures.Money(net)}（fundjournal {year}-01至{year}-12）"),
                    net, closing, YearlySubjects.AccumulatedBalance, FundSubjects.Find(code, detail)));
            }

            var accumulated = (YearlySubjects.AccumulatedBalance.Code, YearlySubjects.AccumulatedBalance.Detail);
            nets[accumulated] = nets.GetValueOrDefault(accumulated) + closed;
            foreach (var ((code, detail), net) in nets.Where(n => n.Value != 0m && !YearlySubjects.IsIncomeOrExpenditure(n.Key.Code) && n.Key != accumulated))
            {
                amounts.Add(new YearlyAmount(profile, "年初余额结转（资产负债类科目）", "保山第17条、揭阳四(二)：年末结余结转下年", "",
                    FormattableString.Invariant($"{code}{(detail.Length == 0 ? "" : "/" + detail)} {year}年末余额 {FundFigures.Money(net)}"),
                    net, opening, FundSubjects.Find(code, detail), YearlySubjects.AccumulatedBalance, OpeningRun));
            }
        }

        return amounts;
    }
}
