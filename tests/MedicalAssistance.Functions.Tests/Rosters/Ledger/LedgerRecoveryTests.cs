using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Enrolment;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters;
using MedicalAssistance.Functions.Tests.Persons;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Rosters.Ledger;

/// <summary>What happens after a lost race or a crash between the state commit and the writes that follow it.</summary>
public sealed class LedgerRecoveryTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Received = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Department Civil = DemoDepartments.All.Single(d => d.Code == "meizhou-civil");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RosterRow Add(int row, IdNumber id, string type, DateOnly start) =>
        new(row, "孙八", id.Value, type, start, start, null, RosterChange.Add, Insurance: InsuranceStatus.None);

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_so_the_writer_must_read_again()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);
        var id = TestIds.Make(new DateOnly(1966, 6, 6), 1);
        await h.ApplyAsync(LedgerHarness.Batch("b1", Civil, Received), Add(2, id, "DIBAO", new DateOnly(2025, 1, 1)));
        var first = (await h.Store.LoadAsync(h.Keys.KeyOf(id), Ct))!;

        var winner = await h.Store.TryCommitAsync(first.State with { Version = first.State.Version + 1, CommitId = "winner" }, first.ETag, Ct);
        var loser = await h.Store.TryCommitAsync(first.State with { Version = first.State.Version + 1, CommitId = "loser" }, first.ETag, Ct);
        var duplicateInsert = await h.Store.TryCommitAsync(first.State, null, Ct);

        Assert.NotNull(winner);
        Assert.Null(loser);
        Assert.Null(duplicateInsert);
        Assert.Equal("winner", (await h.Store.LoadAsync(h.Keys.KeyOf(id), Ct))!.State.CommitId);
    }

    [Fact]
    public async Task Audits_left_unwritten_by_a_crashed_commit_are_written_before_the_next_commit_replaces_them()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);
        var id = TestIds.Make(new DateOnly(1966, 6, 6), 2);
        await h.ApplyAsync(LedgerHarness.Batch("b1", Civil, Received), Add(2, id, "DIBAO", new DateOnly(2025, 1, 1)));
        var loaded = (await h.Store.LoadAsync(h.Keys.KeyOf(id), Ct))!;
        // Simulate a commit whose process died right after the state write: its audit exists only in the outbox.
        var lostAudit = new AuditRecord($"{loaded.State.PersonKey}|audit|20250303010000000000|crashed|000009", Received, "clerk-x", Civil.Code,
            "crashed", 9, "Change", "DIBAO", "{}", "{}");
        var crashed = loaded.State with { Version = loaded.State.Version + 1, CommitId = "crashed", Outbox = new PersonOutbox([lostAudit], []) };
        await h.Store.FlushAuditsAsync([loaded.State], Ct); // as every commit does before replacing an outbox
        Assert.NotNull(await h.Store.TryCommitAsync(crashed, loaded.ETag, Ct));
        Assert.Contains(await h.Store.ReadAuditsAsync(loaded.State.PersonKey, Ct), a => a.BatchId == "crashed"); // still only in the outbox

        await h.ApplyAsync(LedgerHarness.Batch("b2", Civil, Received), Add(2, id, "TEKUN", new DateOnly(2025, 2, 1)));

        var audits = await h.Store.ReadAuditsAsync(h.Keys.KeyOf(id), Ct);
        Assert.Equal(["b1", "b2", "crashed"], audits.Select(a => a.BatchId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reapplying_a_batch_rewrites_a_lost_exemption_ledger_entry()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);
        await h.Parameters.PutAsync(Civil.Profile, 2025, new EnrolmentParameters(380m, SubsidyRatios: new Dictionary<string, decimal> { ["TEKUN"] = 1m }), Ct);
        var id = TestIds.Make(new DateOnly(1966, 6, 6), 3);
        var row = Add(2, id, "TEKUN", new DateOnly(2025, 3, 1));
        var batch = LedgerHarness.Batch("b1", Civil, Received);
        await h.ApplyAsync(batch, row);
        var table = h.Storage.Table(ExemptionTable(h));
        await table.DeleteEntityAsync($"{Civil.Profile}|2025", h.Keys.KeyOf(id), cancellationToken: Ct);
        Assert.Null(await h.Store.GetExemptionAsync(Civil.Profile, 2025, h.Keys.KeyOf(id), Ct));

        var again = await h.ApplyAsync(batch, row);

        Assert.Equal(RowOutcomeKind.Applied, again[0].Kind); // answered as the first time: the same batch
        Assert.Equal(380m, (await h.Store.GetExemptionAsync(Civil.Profile, 2025, h.Keys.KeyOf(id), Ct))!.Amount);
    }

    [Fact]
    public async Task A_person_with_more_rows_than_one_commit_holds_is_applied_in_order()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);
        var id = TestIds.Make(new DateOnly(1966, 6, 6), 4);
        var rows = Enumerable.Range(0, 9).Select(i => new RosterRow(2 + i, "孙八", id.Value, "DIBAO", new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 1),
            new DateOnly(2024, 1, 10 + i), i == 0 ? RosterChange.Add : RosterChange.Change, Insurance: InsuranceStatus.None)).ToArray();

        var outcomes = await h.ApplyAsync(LedgerHarness.Batch("b1", Civil, Received), rows);

        Assert.All(outcomes, o => Assert.Equal(RowOutcomeKind.Applied, o.Kind));
        Assert.Equal(new DateOnly(2024, 1, 18), Assert.Single((await h.Records.GetAsync(id, Ct))!.Identities).End);
        Assert.Equal(9, (await h.Store.ReadAuditsAsync(h.Keys.KeyOf(id), Ct)).Count);
    }

    private static string ExemptionTable(LedgerHarness h) => h.ExemptionTable;
}
