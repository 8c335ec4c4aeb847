using Azure.Storage.Queues;
using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Functions.Claims.Parameters;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Functions.Tests.Persons;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Policy.Scenarios;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedicalAssistance.Functions.Tests.Claims;

/// <summary>
/// The person-profile ledger against Azurite: exactly once under duplicate messages and a crash between the ledger write
/// and the adjustments, concurrency of several workers, and recomputation on late arrivals, reversals, parameter versions
/// and identity changes, each recorded as an adjustment with its cause. Numbers are the worked example of
/// docs/scenario-format.md §9 (Tumxuk, DIBAO_MARGINAL determined 2025-07-15).
/// </summary>
public sealed class ClaimLedgerTests(AzuriteFixture azurite)
{
    private const string Tumxuk = "tumxuk-2025";
    private const string Meizhou = "meizhou-2025";

    private static readonly Identity Marginal = new(IdentityTypes.Find("DIBAO_MARGINAL")!, new DateOnly(2025, 7, 15), new DateOnly(2025, 7, 15), null);
    private static readonly Claim C1 = new("c1", ClaimKind.ChronicOutpatient, new DateOnly(2025, 8, 20), new DateOnly(2025, 8, 20), 1200m, Insurance: InsuranceStatus.Resident);
    private static readonly Claim C2 = new("c2", ClaimKind.Inpatient, new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 9), 10000m, Insurance: InsuranceStatus.Resident);

    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_worked_example_settles_to_the_documented_amounts_with_an_explanation()
    {
        var h = await ClaimsHarness.CreateAsync(azurite);
        var id = TestIds.Make(new DateOnly(1990, 1, 15), 1);
        await h.SetIdentitiesAsync(id, [Marginal]);
        var worker = h.NewWorker();
        await worker.ApplyAsync(h.Message(id, Tumxuk, C1), Ct);
        await worker.ApplyAsync(h.Message(id, Tumxuk, C2), Ct);

        var ledger = await h.LedgerAsync(id, Tumxuk);
        Assert.Equal(("class-3", 0m, "BELOW_DEDUCTIBLE", 1200m), (ledger.Results["c1"].Category, ledger.Results["c1"].Total, ledger.Results["c1"].Reason, ledger.Results["c1"].DeductibleApplied));
        var c2 = ledger.Results["c2"];
        Assert.Equal((7820m, 1242m, 9062m, (string?)null), (c2.Assistance, c2.Tilted, c2.Total, c2.Reason));
        Assert.Contains("起付线", c2.ExplanationZh);
        Assert.Contains("deductible", c2.ExplanationEn);
        Assert.Equal(new Contracts.Claims.ClaimLedgerView(2025, 2000m, 7820m, 2000m, 1242m, 0m, 0m, 9062m), c2.Ledger);
        Assert.Equal("4414**********", ledger.MaskedIdNumber[..14]);
    }

    [Fact]
    public async Task A_duplicate_message_changes_nothing_the_second_time_even_in_another_worker()
    {
        var h = await ClaimsHarness.CreateAsync(azurite);
        var id = TestIds.Make(new DateOnly(1990, 1, 15), 2);
        await h.SetIdentitiesAsync(id, [Marginal]);
        await h.NewWorker().ApplyAsync(h.Message(id, Tumxuk, C2), Ct);
        var first = await h.LedgerAsync(id, Tumxuk);

        await h.NewWorker().ApplyAsync(h.Message(id, Tumxuk, C2), Ct);
        await h.NewWorker().ApplyAsync(h.Message(id, Tumxuk, C2), Ct);

        var after = await h.LedgerAsync(id, Tumxuk);
        Assert.Equal((first.Version, first.CommitId), (after.Version, after.CommitId));
        Assert.Equal(7880m, Assert.Single(after.History["c2"]).Total);
        Assert.Equal([h.Keys.KeyOf(id)], await ChangedInAsync(h, "202512"));
    }

    [Fact]
    public async Task A_crash_between_the_ledger_write_and_the_adjustments_loses_nothing_and_doubles_nothing()
    {
        var h = await ClaimsHarness.CreateAsync(azurite);
        var id = TestIds.Make(new DateOnly(1990, 1, 15), 3);
        await h.SetIdentitiesAsync(id, [Marginal]);
        // A worker whose adjustments table does not exist fails right after its ledger commit, as a process killed there would.
        var broken = new ClaimLedgerStore(h.Storage, h.Names[3], h.Names[4], AzuriteFixture.UniqueName("noadjust"));
        var crashing = new ClaimLedgerReconciler(broken, h.Persons, h.Parameters, h.Time, [], NullLogger<ClaimLedgerReconciler>.Instance);
        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => crashing.ApplyAsync(h.Message(id, Tumxuk, C2), Ct));
        Assert.Empty(await ChangedInAsync(h, "202512"));

        // The message is delivered again to a healthy worker: the claim is found applied, the month's row is written (the
        // monthly run finds the person) and the adjustment is in the claim's history once.
        await h.NewWorker().ApplyAsync(h.Message(id, Tumxuk, C2), Ct);
        await h.NewWorker().ApplyAsync(h.Message(id, Tumxuk, C2), Ct);
        Assert.Equal([h.Keys.KeyOf(id)], await ChangedInAsync(h, "202512"));
        var ledger = await h.LedgerAsync(id, Tumxuk);
        Assert.Equal(7880m, Assert.Single(ledger.History["c2"]).Delta);
        Assert.Equal(1, ledger.Version);
    }

    [Fact]
    public async Task Adjustments_left_unwritten_by_a_crash_are_carried_into_the_next_claims_commit_and_written_once()
    {
        var h = await ClaimsHarness.CreateAsync(azurite);
        var id = TestIds.Make(new DateOnly(1990, 1, 15), 6);
        await h.SetIdentitiesAsync(id, [Marginal]);
        var broken = new ClaimLedgerStore(h.Storage, h.Names[3], h.Names[4], AzuriteFixture.UniqueName("noadjust"));
        var crashing = new ClaimLedgerReconciler(broken, h.Persons, h.Parameters, h.Time, [], NullLogger<ClaimLedgerReconciler>.Instance);
        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => crashing.ApplyAsync(h.Message(id, Tumxuk, C2), Ct));

        // Another claim of the person, on another worker, before the crashed message comes back: its commit carries c2's
        // adjustment and writes both; the redelivered c2 then finds everything written.
        var c3 = new Claim("c3", ClaimKind.ChronicOutpatient, new DateOnly(2025, 10, 10), new DateOnly(2025, 10, 10), 1200m, Insurance: InsuranceStatus.Resident);
        await h.NewWorker().ApplyAsync(h.Message(id, Tumxuk, c3), Ct);
        var row = (await h.Storage.Table(h.Names[5]).GetEntityAsync<Azure.Data.Tables.TableEntity>(Tumxuk + "|202512", h.Keys.KeyOf(id), cancellationToken: Ct)).Value;
        Assert.Equal(2, row.GetInt32("Claims")); // c2's adjustment and c3's
        await h.NewWorker().ApplyAsync(h.Message(id, Tumxuk, C2), Ct);

        Assert.Equal([h.Keys.KeyOf(id)], await ChangedInAsync(h, "202512"));
        var ledger = await h.LedgerAsync(id, Tumxuk);
        Assert.Equal(2, ledger.Version);
        Assert.Equal(7880m, Assert.Single(ledger.History["c2"]).Delta);
        Assert.Equal(ledger.Results["c3"].Total, Assert.Single(ledger.History["c3"]).Delta);
    }

    [Fact]
    public async Task Twenty_claims_of_one_person_on_four_concurrent_workers_end_as_sequential_processing()
    {
        var h = await ClaimsHarness.CreateAsync(azurite);
        var concurrent = TestIds.Make(new DateOnly(1990, 1, 15), 4);
        var sequential = TestIds.Make(new DateOnly(1990, 1, 15), 5);
        await h.SetIdentitiesAsync(concurrent, [Marginal]);
        await h.SetIdentitiesAsync(sequential, [Marginal]);
        var claims = Enumerable.Range(0, 20).Select(i => new Claim($"k{i:D2}", i % 3 == 0 ? ClaimKind.Inpatient : ClaimKind.ChronicOutpatient,
            new DateOnly(2025, 8, 1).AddDays(i * 7 % 120), new DateOnly(2025, 8, 1).AddDays(i * 7 % 120 + (i % 3 == 0 ? 5 : 0)), 1500m + i * 731.25m,
            Insurance: InsuranceStatus.Resident)).ToList();

        var one = h.NewWorker();
        foreach (var claim in claims)
        {
            await one.ApplyAsync(h.Message(sequential, Tumxuk, claim), Ct);
        }

        var workers = Enumerable.Range(0, 4).Select(_ => h.NewWorker()).ToArray();
        // Every claim twice (at-least-once delivery), spread over the four workers at the same time.
        await Parallel.ForEachAsync(claims.Concat(claims).Select((c, i) => (c, i)), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct },
            async (x, ct) => await workers[x.i % 4].ApplyAsync(h.Message(concurrent, Tumxuk, x.c), ct));

        var expected = await h.LedgerAsync(sequential, Tumxuk);
        var actual = await h.LedgerAsync(concurrent, Tumxuk);
        Assert.Equal(20, actual.Claims.Count);
        foreach (var claim in claims)
        {
            Assert.Equal(expected.Results[claim.Id], actual.Results[claim.Id]);
        }

        // Whatever the arrival order, the adjustments of each claim add up to its final total.
        foreach (var claim in claims)
        {
            var mine = actual.History[claim.Id];
            Assert.Equal(actual.Results[claim.Id].Total, mine.Sum(e => e.Delta));
        }

        Assert.Equal(new[] { h.Keys.KeyOf(concurrent), h.Keys.KeyOf(sequential) }.Order(StringComparer.Ordinal), (await ChangedInAsync(h, "202512")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_late_claim_and_a_reversal_recompute_the_year_and_are_recorded_as_adjustments()
    {
        var h = await ClaimsHarness.CreateAsync(azurite);
        var id = TestIds.Make(new DateOnly(1990, 1, 15), 6);
        await h.SetIdentitiesAsync(id, [Marginal]);
        var worker = h.NewWorker();
        await worker.ApplyAsync(h.Message(id, Tumxuk, C2), Ct);
        Assert.Equal(7880m, (await h.LedgerAsync(id, Tumxuk)).Results["c2"].Total);

        // c1 was served earlier but arrives later: its deductible absorption changes c2.
        await worker.ApplyAsync(h.Message(id, Tumxuk, C1), Ct);
        var late = await h.LedgerAsync(id, Tumxuk);
        Assert.Equal(9062m, late.Results["c2"].Total);
        var adjusted = late.History["c2"][^1];
        Assert.Equal((ClaimStatus.EventAdjusted, 9062m, 1182m, RecomputeCause.LateClaim), (adjusted.Event, adjusted.Total, adjusted.Delta, adjusted.Cause));

        await worker.ApplyAsync(h.Message(id, Tumxuk, C1, reversed: true), Ct);
        // A late copy of c1's original message does not revive it.
        await h.NewWorker().ApplyAsync(h.Message(id, Tumxuk, C1), Ct);
        var reversed = await h.LedgerAsync(id, Tumxuk);
        Assert.Equal(ClaimStatus.Reversed, reversed.Results["c1"].Status);
        Assert.Equal(7880m, reversed.Results["c2"].Total);
        Assert.Equal((ClaimStatus.EventAdjusted, -1182m, RecomputeCause.Reversal), (reversed.History["c2"][^1].Event, reversed.History["c2"][^1].Delta, reversed.History["c2"][^1].Cause));
        Assert.Equal(ClaimStatus.EventReversed, reversed.History["c1"][^1].Event);
        Assert.Equal([7880m, 1182m, -1182m], reversed.History["c2"].Select(e => e.Delta));
        Assert.Equal([h.Keys.KeyOf(id)], await ChangedInAsync(h, "202512"));
    }

    [Fact]
    public async Task The_portals_records_show_the_settled_claims_with_their_explanation_the_year_total_and_the_adjustments()
    {
        var h = await ClaimsHarness.CreateAsync(azurite);
        var id = TestIds.Make(new DateOnly(1990, 1, 15), 7);
        var personKey = await h.SetIdentitiesAsync(id, [Marginal]);
        var worker = h.NewWorker();
        await worker.ApplyAsync(h.Message(id, Tumxuk, C2), Ct);
        await worker.ApplyAsync(h.Message(id, Tumxuk, C1), Ct);
        await worker.ApplyAsync(h.Message(id, Tumxuk, C1, reversed: true), Ct);

        var sections = await new ClaimBeneficiaryRecords(h.Ledgers).GetAsync(personKey, Ct);

        // The reversed claim is not listed as paid; the one left carries the engine's Chinese explanation.
        var claim = Assert.Single(sections.Claims);
        Assert.Equal(("c2", 7880m), (claim.ClaimId, claim.Assistance + claim.Tilted + claim.Secondary));
        Assert.False(string.IsNullOrWhiteSpace(claim.ExplanationZh));
        Assert.Equal(7880m, Assert.Single(sections.YearTotals).Assistance + sections.YearTotals[0].Tilted + sections.YearTotals[0].Secondary);
        // c2 was raised by the late c1 and lowered by its reversal; c1 itself was reversed.
        Assert.Equal([-1182m, 1182m], sections.Adjustments.Where(a => a.ClaimId == "c2").Select(a => a.Difference).Order());
        Assert.Contains(sections.Adjustments, a => a.ClaimId == "c1" && a.ReasonZh.Contains("撤销", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_claim_outside_the_profiles_dates_in_force_is_held_not_computed()
    {
        var h = await ClaimsHarness.CreateAsync(azurite);
        var id = TestIds.Make(new DateOnly(1990, 1, 15), 7);
        await h.SetIdentitiesAsync(id, [Marginal with { DeterminedOn = new DateOnly(2025, 1, 2), Start = new DateOnly(2025, 1, 2) }]);
        await h.NewWorker().ApplyAsync(h.Message(id, Tumxuk, C2 with { Id = "early", Admission = new DateOnly(2025, 6, 20), Discharge = new DateOnly(2025, 6, 30) }), Ct);
        var result = (await h.LedgerAsync(id, Tumxuk)).Results["early"];
        Assert.Equal((ClaimStatus.Held, ClaimStatus.ProfileNotInForce, 0m), (result.Status, result.HeldCode, result.Total));
    }

    [Fact]
    public async Task A_held_claim_settles_when_its_parameters_are_put_and_a_new_version_adjusts_it()
    {
        var h = await ClaimsHarness.CreateAsync(azurite);
        var id = TestIds.Make(new DateOnly(1970, 3, 3), 8);
        await h.SetIdentitiesAsync(id, [new Identity(IdentityTypes.Find("DIBAO")!, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 1), null)]);
        var claim = new Claim("mz1", ClaimKind.Outpatient, new DateOnly(2025, 3, 1), null, 1000m, Insurance: InsuranceStatus.Resident);
        await h.NewWorker().ApplyAsync(h.Message(id, Meizhou, claim), Ct);
        var held = (await h.LedgerAsync(id, Meizhou)).Results["mz1"];
        Assert.Equal((ClaimStatus.Held, ClaimStatus.MissingParameter, "parameters.benefits"), (held.Status, held.HeldCode, held.HeldField));

        var recomputation = h.NewRecomputation();
        var setting = new SettlementParameterSetting(h.Parameters, recomputation, h.Time);
        await PutAsync(setting, """{ "benefits": { "DIBAO": { "deductible": 0, "ratio": 0.8, "annualCap": 10000 } } }""");
        await RunRecomputeMessagesAsync(h, recomputation);
        var settled = await h.LedgerAsync(id, Meizhou);
        Assert.Equal((ClaimStatus.Settled, 800m), (settled.Results["mz1"].Status, settled.Results["mz1"].Total));

        await PutAsync(setting, """{ "benefits": { "DIBAO": { "deductible": 0, "ratio": 0.9, "annualCap": 10000 } } }""");
        await RunRecomputeMessagesAsync(h, recomputation);
        var adjusted = await h.LedgerAsync(id, Meizhou);
        Assert.Equal(900m, adjusted.Results["mz1"].Total);
        Assert.Equal((ClaimStatus.EventAdjusted, 100m, RecomputeCause.Parameters), (adjusted.History["mz1"][^1].Event, adjusted.History["mz1"][^1].Delta, adjusted.History["mz1"][^1].Cause));
        var versions = await h.Parameters.VersionsAsync(Meizhou, 2025, Ct);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.All(versions, v => Assert.Equal("operator-1", v.SetBy));

        // A bad body names the scenario's field and code, and sets nothing.
        var (none, problem) = await setting.PutAsync(Meizhou, 2025, Json("""{ "benefits": { "DIBAO": { "deductible": 0, "annualCap": 10000 } } }"""), "operator-1", Ct);
        Assert.Null(none);
        Assert.Equal(("MISSING_PARAMETER", "parameters.benefits.DIBAO.ratio"), (problem!.Code, problem.Field));
        Assert.Equal(2, (await h.Parameters.GetAsync(Meizhou, 2025, Ct))!.Version);

        static async Task PutAsync(SettlementParameterSetting setting, string json)
        {
            var (version, problem) = await setting.PutAsync(Meizhou, 2025, Json(json), "operator-1", Ct);
            Assert.Null(problem);
            Assert.NotNull(version);
        }
    }

    [Fact]
    public async Task A_roster_giving_a_person_an_identity_recomputes_their_claims_once_however_often_told()
    {
        var h = await ClaimsHarness.CreateAsync(azurite);
        var id = TestIds.Make(new DateOnly(1990, 1, 15), 9);
        await h.NewWorker().ApplyAsync(h.Message(id, Tumxuk, C2), Ct);
        var before = (await h.LedgerAsync(id, Tumxuk)).Results["c2"];
        Assert.Equal(("NO_COVERED_IDENTITY", 0m), (before.Reason, before.Total));

        var key = await h.SetIdentitiesAsync(id, [Marginal]);
        var recomputation = h.NewRecomputation();
        await recomputation.PersonsChangedAsync([key], Ct);
        await recomputation.PersonsChangedAsync([key], Ct);
        await RunRecomputeMessagesAsync(h, recomputation);
        var after = await h.LedgerAsync(id, Tumxuk);
        Assert.Equal(7880m, after.Results["c2"].Total);
        var history = after.History["c2"];
        Assert.Equal([(ClaimStatus.EventSettled, 0m), (ClaimStatus.EventAdjusted, 7880m)], history.Select(e => (e.Event, e.Delta)));
        Assert.Equal(RecomputeCause.Identity, history[^1].Cause);

        // The identity ended retroactively before the stay: recomputed to zero.
        await h.SetIdentitiesAsync(id, [Marginal with { End = new DateOnly(2025, 8, 10) }]);
        await recomputation.PersonsChangedAsync([key], Ct);
        await RunRecomputeMessagesAsync(h, recomputation);
        var ended = await h.LedgerAsync(id, Tumxuk);
        Assert.Equal(("NOT_ELIGIBLE_ON_DATE", 0m, -7880m), (ended.Results["c2"].Reason, ended.Results["c2"].Total, ended.History["c2"][^1].Delta));
    }

    [Fact]
    public async Task A_later_claim_is_computed_from_the_identities_a_roster_gave_even_when_the_recompute_changed_no_result()
    {
        // c2 (September) is settled; a roster then ends the identity on 30 September: c2's result stays the same, but the
        // recompute must still record the new periods in the ledger, which later claims are computed from.
        var h = await ClaimsHarness.CreateAsync(azurite);
        var id = TestIds.Make(new DateOnly(1990, 1, 15), 11);
        var key = await h.SetIdentitiesAsync(id, [Marginal]);
        await h.NewWorker().ApplyAsync(h.Message(id, Tumxuk, C2), Ct);
        var settled = (await h.LedgerAsync(id, Tumxuk)).Results["c2"];
        Assert.Equal(7880m, settled.Total);

        await h.SetIdentitiesAsync(id, [Marginal with { End = new DateOnly(2025, 9, 30) }]);
        var recomputation = h.NewRecomputation();
        await recomputation.PersonsChangedAsync([key], Ct);
        await RunRecomputeMessagesAsync(h, recomputation);
        Assert.Equal(settled, (await h.LedgerAsync(id, Tumxuk)).Results["c2"]);

        var october = new Claim("c3", ClaimKind.Inpatient, new DateOnly(2025, 10, 10), new DateOnly(2025, 10, 14), 10000m, Insurance: InsuranceStatus.Resident);
        await h.NewWorker().ApplyAsync(h.Message(id, Tumxuk, october), Ct);
        var later = (await h.LedgerAsync(id, Tumxuk)).Results["c3"];
        Assert.Equal(("NOT_ELIGIBLE_ON_DATE", 0m), (later.Reason, later.Total));
    }

    [Fact]
    public async Task A_ledger_is_stored_compressed_and_one_stored_as_text_before_is_still_read_and_then_written_compressed()
    {
        var h = await ClaimsHarness.CreateAsync(azurite);
        var id = TestIds.Make(new DateOnly(1990, 1, 15), 12);
        var key = await h.SetIdentitiesAsync(id, [Marginal]);
        await h.NewWorker().ApplyAsync(h.Message(id, Tumxuk, C2), Ct);
        var stored = (await h.Ledgers.LedgerTable.GetEntityAsync<Azure.Data.Tables.TableEntity>(key[..2], ClaimLedgerStore.RowKeyOf(key, Tumxuk), cancellationToken: Ct)).Value;
        var state = await h.LedgerAsync(id, Tumxuk);
        var json = System.Text.Json.JsonSerializer.Serialize(state, WebJson);
        Assert.InRange(stored.GetBinary("Z0").Length, 1, json.Length / 2);

        // As ledgers were written before: the JSON as text in Data0.
        var old = new Azure.Data.Tables.TableEntity(stored.PartitionKey, stored.RowKey) { ["Chunks"] = 1, ["Version"] = state.Version, ["Data0"] = json };
        await h.Ledgers.LedgerTable.UpsertEntityAsync(old, Azure.Data.Tables.TableUpdateMode.Replace, Ct);
        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(await h.LedgerAsync(id, Tumxuk), WebJson));

        await h.NewWorker().ApplyAsync(h.Message(id, Tumxuk, C1), Ct);
        var next = (await h.Ledgers.LedgerTable.GetEntityAsync<Azure.Data.Tables.TableEntity>(key[..2], ClaimLedgerStore.RowKeyOf(key, Tumxuk), cancellationToken: Ct)).Value;
        Assert.False(next.ContainsKey("Data0"));
        Assert.Equal(["c2", "c1"], (await h.LedgerAsync(id, Tumxuk)).Claims.Select(c => c.Id));
    }

    [Fact]
    public async Task A_recompute_of_many_persons_finds_exactly_the_ledgers_of_those_persons_bucket_by_bucket()
    {
        // 400 persons over the 256 buckets, each with a ledger in one or two profiles; the recompute is told of every other one
        // and of persons without a ledger. Neighbours in the same bucket and key range that it was not told of stay out.
        var h = await ClaimsHarness.CreateAsync(azurite);
        var keys = Enumerable.Range(0, 400).Select(n => h.Keys.KeyOf(TestIds.Make(70_000 + n))).ToList();
        var withLedgers = keys.SelectMany((key, n) => n % 3 == 0 ? new[] { (key, Tumxuk), (key, Meizhou) } : [(key, Tumxuk)]).ToList();
        await Parallel.ForEachAsync(withLedgers, Ct, async (ledger, ct) => Assert.NotNull(await h.Ledgers.TryCommitAsync(
            new ClaimLedgerState { PersonKey = ledger.key, Profile = ledger.Item2, MaskedIdNumber = "4414**********0000", BirthDate = new DateOnly(1980, 1, 1) }, null, ct)));
        var told = keys.Where((_, n) => n % 2 == 0).Concat(Enumerable.Range(0, 50).Select(n => h.Keys.KeyOf(TestIds.Make(80_000 + n)))).ToList();

        var found = await h.Ledgers.LedgersOfAsync(told, Ct);

        var expected = withLedgers.Where(l => told.Contains(l.key)).Select(l => $"{l.key}|{l.Item2}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, found.Select(l => $"{l.PersonKey}|{l.Profile}").Order(StringComparer.Ordinal));
    }

    /// <summary>The persons whose Tumxuk ledgers changed in a month (yyyyMM), as the monthly runs find them.</summary>
    private static async Task<List<string>> ChangedInAsync(ClaimsHarness h, string month)
    {
        var persons = new List<string>();
        await foreach (var person in h.Ledgers.PersonsWithAdjustmentsAsync(Tumxuk, month, Ct))
        {
            persons.Add(person);
        }

        return persons;
    }

    private static System.Text.Json.JsonElement Json(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>Runs the recompute messages that were queued, as the queue trigger would, until the queue is empty.</summary>
    private static async Task RunRecomputeMessagesAsync(ClaimsHarness h, ClaimRecomputation recomputation)
    {
        var queue = h.Storage.Queue(h.Queues.Recompute);
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, cancellationToken: Ct)).Value;
            if (messages.Length == 0)
            {
                return;
            }

            foreach (var message in messages)
            {
                await recomputation.RunAsync(message.Body.ToObjectFromJson<RecomputeRequest>(QueueFunctions.Json)!, Ct);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Ct);
            }
        }
    }
}
