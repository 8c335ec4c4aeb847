using System.Globalization;
using CsCheck;
using MedicalAssistance.Functions.Runs;
using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Functions.Runs.Settlement;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Runs;

/// <summary>
/// The fund ledger's invariants (issue "Runs" 7): for random settlement lines, and for random claim sets settled through two
/// monthly runs on Azurite, the journal balances per county and month, and its expenditure (less cross-year recoveries,
/// which Art. 24 books as income) equals the payables; every claim is paid, over the runs, exactly its final result.
/// </summary>
public sealed class FundLedgerPropertyTests(AzuriteFixture azurite)
{
    private static readonly string[] Profiles = ["tumxuk-2025", "meizhou-2025", "baoshan-2023"];

    private static readonly Gen<decimal> Money = Gen.Int[0, 2_000_000].Select(cents => cents / 100m);

    private static readonly Gen<SettlementLine> Line =
        Gen.Select(Gen.Int[0, Profiles.Length - 1], Gen.Bool, Gen.Int[2024, 2025], Money, Money, Money, Money)
            .Select((profile, inpatient, year, a, t, before, _) => new SettlementLine(Profiles[profile], "c", "m", "H", "h", PayablesChannel.OneStopLocal,
                inpatient, new DateOnly(year, 6, 1), year, SettlementLineKind.Adjustment, new PaidAmounts(before, 0m, 0m, before), new PaidAmounts(a, t, 0m, a + t), "2025-12"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void For_random_lines_the_journal_balances_per_county_and_its_expenditure_equals_the_payables()
    {
        Line.List[0, 60].Sample(lines =>
        {
            var postings = new FundPostings(MonthlySettlement.RunName, "2025-12", 2025);
            var payables = new PayablesTable();
            foreach (var line in lines)
            {
                postings.Add(line);
                payables.Add(line);
            }

            var journal = postings.Lines();
            Assert.All(journal, l => Assert.True(l.Amount > 0m));
            foreach (var (profile, totals) in payables.Totals())
            {
                var mine = journal.Where(l => l.Profile == profile).ToList();
                Assert.Equal(Sum(mine, JournalSide.Debit), Sum(mine, JournalSide.Credit));
                Assert.Equal(totals.Total, Expenditure(mine));
            }
        }, iter: 2000);
    }

    [Fact]
    public async Task For_random_claim_sets_over_two_monthly_runs_the_ledger_balances_and_every_claim_is_paid_exactly_its_result()
    {
        var claim = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 30_000], Gen.Int[0, 3], Gen.Bool);
        await claim.List[1, 8].SampleAsync(async set =>
        {
            var h = await RunsHarness.CreateAsync(azurite);
            h.At(new DateTime(2025, 11, 20, 10, 0, 0));
            var claims = set.Select((c, i) => (Person: c.Item1, Claim: RunsHarness.Inpatient($"c{i}", new DateOnly(2025, c.Item3 == 3 ? 12 : 11, 5 + i), c.Item2, inCity: c.Item4),
                Timing: c.Item3)).ToList(); // timing 0/1: November, on time; 2: November, late; 3: December
            foreach (var c in claims.Where(c => c.Timing < 2))
            {
                await h.SubmitAsync(await h.PersonAsync(c.Person), c.Claim, c.Claim.Discharge!.Value);
            }

            h.At(new DateTime(2025, 12, 1, 2, 0, 0));
            var november = await h.SettleAsync("2025-11");
            h.At(new DateTime(2025, 12, 10, 10, 0, 0));
            foreach (var c in claims.Where(c => c.Timing >= 2))
            {
                await h.SubmitAsync(await h.PersonAsync(c.Person), c.Claim, c.Claim.Discharge!.Value);
            }

            foreach (var c in claims.Where(c => c.Timing == 1))
            {
                await h.ReverseAsync(RunsHarness.IdOf(c.Person), c.Claim);
            }

            h.At(new DateTime(2026, 1, 1, 2, 0, 0));
            var december = await h.SettleAsync("2025-12");

            foreach (var (period, run) in new[] { ("2025-11", november), ("2025-12", december) })
            {
                var journal = await h.JournalAsync(period);
                Assert.Equal(Sum(journal, JournalSide.Debit), Sum(journal, JournalSide.Credit));
                var total = run.State.Totals.GetValueOrDefault(RunsHarness.Tumxuk)?.Total ?? 0m;
                Assert.Equal(total, Expenditure(journal));
                Assert.Equal(total, (await h.RowsAsync(period, SettlementFiles.Payables)).Sum(r => decimal.Parse(r[8].TrimStart('\''), CultureInfo.InvariantCulture)));
            }

            foreach (var c in claims)
            {
                var ledger = await h.Claims.LedgerAsync(RunsHarness.IdOf(c.Person), RunsHarness.Tumxuk);
                var result = ledger.Results[c.Claim.Id];
                Assert.Equal(result.Status == "settled" ? result.Total : 0m, await h.PaidTotalAsync(c.Claim.Id));
            }
        }, iter: 12, threads: 1);
    }

    private static decimal Sum(IEnumerable<JournalLine> lines, string side) => lines.Where(l => l.Side == side).Sum(l => l.Amount);

    /// <summary>Net expenditure on benefits, less what was recovered for earlier years (booked as other income).</summary>
    private static decimal Expenditure(IReadOnlyCollection<JournalLine> lines) =>
        Sum(lines.Where(l => l.Code == FundSubjects.InpatientAssistance.Code), JournalSide.Debit)
        - Sum(lines.Where(l => l.Code == FundSubjects.InpatientAssistance.Code), JournalSide.Credit)
        - Sum(lines.Where(l => l.Code == FundSubjects.CrossYearRecovered.Code), JournalSide.Credit);
}
