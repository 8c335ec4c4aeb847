using System.Text.Json;
using Azure.Data.Tables;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters;
using MedicalAssistance.Functions.Tests.Persons;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Rosters.Ledger;

public sealed class RosterLedgerTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Received = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Department Civil = DemoDepartments.All.Single(d => d.Code == "meizhou-civil");
    private static readonly IdNumber Id = TestIds.Make(new DateOnly(1970, 5, 6), 421);

    private static RosterRow Row(int row, RosterChange change, string type, DateOnly start, DateOnly? end = null, IdNumber? id = null, string name = "张三") =>
        new(row, name, (id ?? Id).Value, type, start.AddDays(-3), start, end, change, Insurance: InsuranceStatus.None);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Add_creates_the_period_and_the_same_row_again_changes_nothing_and_writes_no_audit()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);
        var add = Row(2, RosterChange.Add, "DIBAO", new DateOnly(2025, 3, 1));

        var first = await h.ApplyAsync(LedgerHarness.Batch("b1", Civil, Received), add);
        var again = await h.ApplyAsync(LedgerHarness.Batch("b2", Civil, Received), add);

        Assert.Equal(RowOutcomeKind.Applied, Assert.Single(first).Kind);
        Assert.Equal(RowOutcomeKind.Unchanged, Assert.Single(again).Kind);
        var record = await h.Records.GetAsync(Id, Ct);
        Assert.NotNull(record);
        var period = Assert.Single(record.Identities);
        Assert.Equal(("DIBAO", new DateOnly(2025, 3, 1), (DateOnly?)null), (period.Type, period.Start, period.End));
        Assert.Equal(Id.Masked, record.MaskedIdNumber);
        Assert.False(record.Deceased);
        var audit = Assert.Single(await h.Store.ReadAuditsAsync(h.Keys.KeyOf(Id), Ct));
        Assert.Equal(("clerk-1", "b1", 2, "null"), (audit.SubmittedBy, audit.BatchId, audit.Row, audit.Before));
    }

    [Fact]
    public async Task A_new_name_for_the_same_ID_number_is_applied_with_a_note_even_when_nothing_else_changed()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);
        var add = Row(2, RosterChange.Add, "DIBAO", new DateOnly(2025, 3, 1));
        await h.ApplyAsync(LedgerHarness.Batch("b1", Civil, Received), add);

        var renamed = await h.ApplyAsync(LedgerHarness.Batch("b2", Civil, Received), add with { Name = "张叁" });
        var again = await h.ApplyAsync(LedgerHarness.Batch("b3", Civil, Received), add with { Name = "张叁" });

        var outcome = Assert.Single(renamed);
        Assert.Equal(RowOutcomeKind.Applied, outcome.Kind);
        Assert.Contains(outcome.Notes ?? [], n => n.Contains("姓名", StringComparison.Ordinal));
        Assert.Equal(RowOutcomeKind.Unchanged, Assert.Single(again).Kind);
        Assert.Null(Assert.Single(again).Notes);
    }

    [Fact]
    public async Task Change_updates_the_period_and_the_audit_holds_before_and_after()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);
        await h.ApplyAsync(LedgerHarness.Batch("b1", Civil, Received), Row(2, RosterChange.Add, "DIBAO", new DateOnly(2025, 3, 1)));
        h.Time.Advance(TimeSpan.FromMinutes(5));

        var outcome = await h.ApplyAsync(LedgerHarness.Batch("b2", Civil, Received, "clerk-2"),
            Row(7, RosterChange.Change, "DIBAO", new DateOnly(2025, 3, 1), new DateOnly(2025, 12, 31)));

        Assert.Equal(RowOutcomeKind.Applied, Assert.Single(outcome).Kind);
        var record = await h.Records.GetAsync(Id, Ct);
        Assert.Equal(new DateOnly(2025, 12, 31), Assert.Single(record!.Identities).End);
        var audits = await h.Store.ReadAuditsAsync(h.Keys.KeyOf(Id), Ct);
        Assert.Equal(2, audits.Count);
        // The creation's audit waited in the new person's outbox; the change wrote it out before replacing that outbox.
        var written = new List<string>();
        await foreach (var e in h.Storage.Table(h.PersonsTable).QueryAsync<TableEntity>(cancellationToken: Ct))
        {
            if (e.RowKey.Contains("|audit|", StringComparison.Ordinal))
            {
                written.Add(e.GetString("BatchId"));
            }
        }

        Assert.Equal(["b1", "b2"], written.Order(StringComparer.Ordinal));
        var change = audits.Single(a => a.BatchId == "b2");
        Assert.Equal(("clerk-2", 7, "Change"), (change.SubmittedBy, change.Row, change.Change));
        Assert.Null(EndOf(change.Before));
        Assert.Equal("2025-12-31", EndOf(change.After));
    }

    [Fact]
    public async Task Exit_closes_the_period_and_an_exit_without_a_held_identity_is_rejected()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);
        var batch = LedgerHarness.Batch("b1", Civil, Received);
        var stranger = TestIds.Make(new DateOnly(1980, 2, 2), 9);

        var outcomes = await h.ApplyAsync(batch,
            Row(2, RosterChange.Add, "DIBAO", new DateOnly(2025, 1, 1)),
            Row(3, RosterChange.Exit, "DIBAO", new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 28)),
            Row(4, RosterChange.Exit, "TEKUN", new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 28)),
            Row(5, RosterChange.Exit, "DIBAO", new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 28), stranger));

        Assert.Equal([RowOutcomeKind.Applied, RowOutcomeKind.Applied, RowOutcomeKind.Rejected, RowOutcomeKind.Rejected], outcomes.Select(o => o.Kind));
        Assert.Equal(("identityType", "EXIT_WITHOUT_IDENTITY"), (outcomes[2].Error!.Field, outcomes[2].Error!.Code));
        Assert.Equal(4, outcomes[2].Error!.Row);
        Assert.Contains("不在册", outcomes[2].Error!.Message, StringComparison.Ordinal);
        Assert.Equal("EXIT_WITHOUT_IDENTITY", outcomes[3].Error!.Code);
        Assert.Equal(new DateOnly(2025, 2, 28), Assert.Single((await h.Records.GetAsync(Id, Ct))!.Identities).End);
        Assert.Null(await h.Records.GetAsync(stranger, Ct));
        Assert.Equal(2, (await h.Store.ReadAuditsAsync(h.Keys.KeyOf(Id), Ct)).Count);
    }

    [Fact]
    public async Task Death_closes_every_identity_and_marks_the_person_deceased()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);
        var rural = DemoDepartments.All.Single(d => d.Code == "meizhou-rural");
        await h.ApplyAsync(LedgerHarness.Batch("b1", Civil, Received), Row(2, RosterChange.Add, "DIBAO", new DateOnly(2024, 6, 1)));
        await h.ApplyAsync(LedgerHarness.Batch("b2", rural, Received), Row(2, RosterChange.Add, "MONITORED_RURAL", new DateOnly(2024, 9, 1)));
        var death = new RosterRow(3, "张三", Id.Value, "DIBAO", new DateOnly(2025, 2, 10), new DateOnly(2024, 6, 1), new DateOnly(2025, 2, 9), RosterChange.Death);

        var outcome = await h.ApplyAsync(LedgerHarness.Batch("b3", Civil, Received), death);
        var afterDeathAdd = await h.ApplyAsync(LedgerHarness.Batch("b4", Civil, Received), Row(2, RosterChange.Add, "TEKUN", new DateOnly(2025, 3, 1)));

        Assert.Equal(RowOutcomeKind.Applied, Assert.Single(outcome).Kind);
        var record = (await h.Records.GetAsync(Id, Ct))!;
        Assert.True(record.Deceased);
        Assert.Equal(new DateOnly(2025, 2, 9), record.DeceasedOn);
        Assert.All(record.Identities, p => Assert.Equal(new DateOnly(2025, 2, 9), p.End));
        Assert.Equal(2, record.Identities.Count);
        Assert.Equal(("change", "PERSON_DECEASED"), (afterDeathAdd[0].Error!.Field, afterDeathAdd[0].Error!.Code));
        Assert.Equal(RowOutcomeKind.Unchanged, Assert.Single(await h.ApplyAsync(LedgerHarness.Batch("b5", Civil, Received), death)).Kind);
    }

    [Fact]
    public async Task A_death_row_for_an_identity_the_person_does_not_hold_is_rejected()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);
        await h.ApplyAsync(LedgerHarness.Batch("b1", Civil, Received), Row(2, RosterChange.Add, "DIBAO", new DateOnly(2024, 6, 1)));

        var outcome = await h.ApplyAsync(LedgerHarness.Batch("b2", Civil, Received), Row(3, RosterChange.Death, "TEKUN", new DateOnly(2024, 6, 1), new DateOnly(2025, 1, 1)));

        Assert.Equal(("identityType", "DEATH_WITHOUT_IDENTITY"), (outcome[0].Error!.Field, outcome[0].Error!.Code));
        Assert.False((await h.Records.GetAsync(Id, Ct))!.Deceased);
    }

    [Fact]
    public async Task Reapplying_a_whole_chunk_changes_nothing_and_adds_no_audit()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);
        var batch = LedgerHarness.Batch("chunk-1", Civil, Received);
        var rows = Enumerable.Range(0, 300).SelectMany(i =>
        {
            var id = TestIds.Make(i);
            var add = Row(2 + 2 * i, RosterChange.Add, "DIBAO", new DateOnly(2025, 1, 1), id: id);
            // Every third person also exits in the same chunk: re-applying the add must not reopen the period.
            return i % 3 == 0 ? new[] { add, Row(3 + 2 * i, RosterChange.Exit, "DIBAO", new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 28), id) } : [add];
        }).ToList();
        var ledger = h.NewLedger();

        var first = await ledger.ApplyAsync(batch, rows, Ct);
        var entitiesAfterFirst = await SnapshotAsync(h);
        var second = await h.NewLedger().ApplyAsync(batch, rows, Ct);

        Assert.All(first, o => Assert.Equal(RowOutcomeKind.Applied, o.Kind));
        Assert.Equal(Answers(first), Answers(second)); // the same batch again: answered as the first time
        Assert.Equal(rows.Select(r => r.Row), second.Select(o => o.Row));
        Assert.Equal(entitiesAfterFirst, await SnapshotAsync(h));
        Assert.Equal(new DateOnly(2025, 2, 28), Assert.Single((await h.Records.GetAsync(TestIds.Make(0), Ct))!.Identities).End);
        Assert.Null(Assert.Single((await h.Records.GetAsync(TestIds.Make(1), Ct))!.Identities).End);
    }

    [Fact]
    public async Task A_batch_reapplied_days_later_answers_every_row_as_the_first_time_notes_and_rejections_included()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);
        var batch = LedgerHarness.Batch("crash-replay", Civil, Received);
        // The exit comes before the add in the file: rejected, and then the add gives the person that identity. Re-applying
        // must not let the exit through now that the identity is held; and the add's enrolment note (which depends on the
        // day it is written) must come back as written.
        var rows = new[]
        {
            Row(2, RosterChange.Exit, "DIBAO", new DateOnly(2025, 3, 1), new DateOnly(2025, 6, 30)),
            Row(3, RosterChange.Add, "DIBAO", new DateOnly(2025, 3, 1)),
            Row(4, RosterChange.Add, "DIBAO", new DateOnly(2025, 3, 1)),
        };

        var first = await h.NewLedger().ApplyAsync(batch, rows, Ct);
        var entities = await SnapshotAsync(h);
        h.Time.Advance(TimeSpan.FromDays(20));
        var second = await h.NewLedger().ApplyAsync(batch, rows, Ct);
        var otherBatch = await h.NewLedger().ApplyAsync(LedgerHarness.Batch("next-push", Civil, Received), rows[1..], Ct);

        Assert.Equal([RowOutcomeKind.Rejected, RowOutcomeKind.Applied, RowOutcomeKind.Unchanged], first.Select(o => o.Kind));
        Assert.NotNull(first[1].Notes);
        Assert.Equal(Answers(first), Answers(second));
        Assert.Equal(entities, await SnapshotAsync(h));
        Assert.All(otherBatch, o => Assert.Equal(RowOutcomeKind.Unchanged, o.Kind));
        Assert.Null(Assert.Single((await h.Records.GetAsync(Id, Ct))!.Identities).End);
    }

    private static string[] Answers(IEnumerable<RowOutcome> outcomes) =>
        outcomes.Select(o => $"{o.Row} {o.Kind} {o.Error?.Code} {string.Join('|', o.Notes ?? [])}").ToArray();

    [Fact]
    public async Task Two_ledgers_applying_the_same_persons_rows_at_once_converge_through_etag_retries()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);
        var rural = DemoDepartments.All.Single(d => d.Code == "meizhou-rural");
        var people = Enumerable.Range(0, 40).Select(i => TestIds.Make(new DateOnly(1960, 1, 1), i)).ToList();
        await h.NewLedger().ApplyAsync(LedgerHarness.Batch("seed", Civil, Received),
            people.Select((id, i) => Row(2 + i, RosterChange.Add, "DIBAO", new DateOnly(2025, 1, 1), id: id)).ToList(), Ct);

        // Each person: civil affairs ends DIBAO while rural affairs adds MONITORED_RURAL, concurrently, several rounds.
        for (var round = 0; round < 3; round++)
        {
            var exits = people.Select((id, i) => Row(2 + i, RosterChange.Exit, "DIBAO", new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 1 + round), id)).ToList();
            var adds = people.Select((id, i) => Row(2 + i, RosterChange.Add, "MONITORED_RURAL", new DateOnly(2025, 2, 1 + 10 * round), new DateOnly(2025, 2, 6 + 10 * round), id)).ToList();
            var a = h.NewLedger().ApplyAsync(LedgerHarness.Batch($"civil-{round}", Civil, Received), exits, Ct);
            var b = h.NewLedger().ApplyAsync(LedgerHarness.Batch($"rural-{round}", rural, Received), adds, Ct);
            var results = await Task.WhenAll(a, b);
            Assert.All(results.SelectMany(r => r), o => Assert.NotEqual(RowOutcomeKind.Rejected, o.Kind));
        }

        foreach (var id in people)
        {
            var record = (await h.Records.GetAsync(id, Ct))!;
            Assert.Equal(new DateOnly(2025, 3, 3), record.Identities.Single(p => p.Type == "DIBAO").End);
            Assert.Equal(3, record.Identities.Count(p => p.Type == "MONITORED_RURAL"));
            var audits = await h.Store.ReadAuditsAsync(h.Keys.KeyOf(id), Ct);
            // seed add + 3 exits (each a new end date) + 3 adds: every applied change has exactly one audit.
            Assert.Equal(7, audits.Count);
        }
    }

    [Fact]
    public async Task The_clear_id_number_and_name_are_never_stored()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);
        await h.ApplyAsync(LedgerHarness.Batch("b1", Civil, Received),
            Row(2, RosterChange.Add, "DIBAO", new DateOnly(2025, 3, 1), name: "李四娃"),
            Row(3, RosterChange.Change, "DIBAO", new DateOnly(2025, 3, 1), new DateOnly(2025, 9, 30), name: "李四娃"));

        var texts = new List<string>();
        foreach (var table in new[] { h.PersonsTable })
        {
            await foreach (var entity in h.Storage.Table(table).QueryAsync<TableEntity>(cancellationToken: Ct))
            {
                texts.AddRange(entity.Select(p => p.Key + "=" + p.Value));
            }
        }

        Assert.NotEmpty(texts);
        Assert.DoesNotContain(texts, t => t.Contains(Id.Value, StringComparison.Ordinal) || t.Contains(Id.Value[..17], StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("李四娃", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains(Id.Masked, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rows_of_types_the_department_may_not_push_are_rejected()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);

        var outcome = await h.ApplyAsync(LedgerHarness.Batch("b1", Civil, Received), Row(2, RosterChange.Add, "HARDSHIP_WORKER", new DateOnly(2025, 3, 1)));

        Assert.Equal(("identityType", "IDENTITY_TYPE_NOT_ALLOWED"), (outcome[0].Error!.Field, outcome[0].Error!.Code));
        Assert.Null(await h.Records.GetAsync(Id, Ct));
    }

    private static string? EndOf(string snapshot)
    {
        using var doc = JsonDocument.Parse(snapshot);
        var period = doc.RootElement.GetProperty("identities")[0];
        return period.TryGetProperty("end", out var end) && end.ValueKind == JsonValueKind.String ? end.GetString() : null;
    }

    private static async Task<List<string>> SnapshotAsync(LedgerHarness h)
    {
        var list = new List<string>();
        await foreach (var e in h.Storage.Table(h.PersonsTable).QueryAsync<TableEntity>(cancellationToken: Ct))
        {
            list.Add(e.RowKey + "@" + e.ETag);
        }

        return list.Order(StringComparer.Ordinal).ToList();
    }
}
