using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Runs;

/// <summary>The fund journal on Azurite: posting is insert-only; a later attempt with other amounts posts balanced corrections, never edits.</summary>
public sealed class FundJournalTests(AzuriteFixture azurite)
{
    private const string Run = "monthly-settlement";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Posting_again_changes_nothing_and_an_attempt_with_other_amounts_adds_balanced_corrections_leaving_posted_lines_as_they_were()
    {
        var h = await RunsHarness.CreateAsync(azurite);
        JournalLine[] Lines(decimal inpatient, decimal outpatient) =>
        [
            new(RunsHarness.Tumxuk, "2025-11", Run, "EXP_BENEFITS", "INPATIENT_ASSISTANCE", JournalSide.Debit, inpatient),
            new(RunsHarness.Tumxuk, "2025-11", Run, "EXP_BENEFITS", "OUTPATIENT_ASSISTANCE", JournalSide.Debit, outpatient),
            new(RunsHarness.Tumxuk, "2025-11", Run, "AST_EXPENDITURE_ACCOUNT", "", JournalSide.Credit, inpatient + outpatient),
        ];
        await h.Journal.PostAsync(Lines(9062m, 100m), 1, Ct);
        await h.Journal.PostAsync(Lines(9062m, 100m), 1, Ct);
        var first = await h.JournalAsync("2025-11");
        Assert.Equal(3, first.Count);

        await h.Journal.PostAsync(Lines(7880m, 300m), 2, Ct);

        var all = await h.JournalAsync("2025-11");
        Assert.Equal(6, all.Count);
        Assert.All(first, line => Assert.Contains(line, all));
        Assert.All(all, line => Assert.True(line.Amount > 0m));
        decimal Net(string detail) => all.Where(l => l.Detail == detail).Sum(l => l.Side == JournalSide.Debit ? l.Amount : -l.Amount);
        Assert.Equal((7880m, 300m, -8180m), (Net("INPATIENT_ASSISTANCE"), Net("OUTPATIENT_ASSISTANCE"), Net("")));
        Assert.Equal(all.Where(l => l.Side == JournalSide.Debit).Sum(l => l.Amount), all.Where(l => l.Side == JournalSide.Credit).Sum(l => l.Amount));
    }
}
