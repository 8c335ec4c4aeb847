using System.Text.Json;
using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Functions.Tests.Persons;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Policy.Scenarios;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Claims;

/// <summary>Claims travel packed in few messages, and one message's claims are applied as each one alone would be.</summary>
public sealed class ClaimsQueuedTests(AzuriteFixture azurite)
{
    private const string Tumxuk = "tumxuk-2025";
    private static readonly Identity Marginal = new(IdentityTypes.Find("DIBAO_MARGINAL")!, new DateOnly(2025, 7, 15), new DateOnly(2025, 7, 15), null);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_thousand_claims_pack_into_messages_under_the_queue_limit_in_their_order()
    {
        var h = await ClaimsHarness.CreateAsync(azurite);
        var id = TestIds.Make(new DateOnly(1970, 5, 6), 71);
        var claims = Enumerable.Range(0, 1000).Select(i => h.Message(id, Tumxuk, Claim(i))).ToList();

        var packed = ClaimsQueued.Pack(claims).ToList();

        Assert.InRange(packed.Count, 2, 100); // far fewer messages than claims
        Assert.Equal(claims.Select(c => c.ClaimId), packed.SelectMany(p => p.Claims).Select(c => c.ClaimId));
        Assert.All(packed, p => Assert.InRange(JsonSerializer.SerializeToUtf8Bytes(p, QueueFunctions.Json).Length, 1, 48 * 1024));
        Assert.Single(Assert.Single(ClaimsQueued.Pack(claims.Take(1))).Claims);
    }

    [Fact]
    public async Task A_message_applies_every_ledger_it_can_fails_for_the_one_it_cannot_and_its_retry_changes_nothing_applied()
    {
        var h = await ClaimsHarness.CreateAsync(azurite);
        var a = TestIds.Make(new DateOnly(1970, 5, 6), 72);
        var b = TestIds.Make(new DateOnly(1970, 5, 6), 73);
        await h.SetIdentitiesAsync(a, [Marginal]);
        await h.SetIdentitiesAsync(b, [Marginal]);
        var broken = h.Message(b, Tumxuk, Claim(9)) with { Profile = "no-such-profile" };
        var message = new ClaimsQueued([h.Message(a, Tumxuk, Claim(0)), broken, h.Message(a, Tumxuk, Claim(1)), h.Message(b, Tumxuk, Claim(2))]);
        var reconciler = h.NewWorker();
        var handler = new ClaimQueueHandler(reconciler, new ClaimRecomputation(reconciler, h.Ledgers, h.Sender, h.Queues), h.Ledgers);

        await Assert.ThrowsAnyAsync<Exception>(() => handler.RunAsync(message, Ct));

        // Person a's two claims in order; person b's good claim in its own ledger: only the broken one is missing.
        Assert.Equal(["tx0", "tx1"], (await h.LedgerAsync(a, Tumxuk)).Claims.Select(c => c.Id));
        Assert.Equal(["tx2"], (await h.LedgerAsync(b, Tumxuk)).Claims.Select(c => c.Id));
        var before = (await h.LedgerAsync(a, Tumxuk)).Version;

        await Assert.ThrowsAnyAsync<Exception>(() => handler.RunAsync(message, Ct)); // the retry

        Assert.Equal(before, (await h.LedgerAsync(a, Tumxuk)).Version);
        Assert.Equal(["tx2"], (await h.LedgerAsync(b, Tumxuk)).Claims.Select(c => c.Id));
    }

    [Fact]
    public async Task A_message_shares_one_adjustments_write_and_a_crash_before_it_loses_nothing_and_tells_the_listeners_on_redelivery()
    {
        var h = await ClaimsHarness.CreateAsync(azurite);
        var ids = Enumerable.Range(0, 30).Select(n => TestIds.Make(new DateOnly(1971, 3, 4), 100 + n)).ToList();
        foreach (var id in ids)
        {
            await h.SetIdentitiesAsync(id, [Marginal]);
        }

        var message = new ClaimsQueued([.. ids.Select((id, n) => h.Message(id, Tumxuk, Claim(n)))]);
        // A worker whose adjustments table does not exist fails after its ledger commits, as a process killed there would.
        var broken = new ClaimLedgerStore(h.Storage, h.Names[3], h.Names[4], AzuriteFixture.UniqueName("noadjust"));
        var crashing = new ClaimLedgerReconciler(broken, h.Persons, h.Parameters, h.Time, [], Microsoft.Extensions.Logging.Abstractions.NullLogger<ClaimLedgerReconciler>.Instance);
        var crashingHandler = new ClaimQueueHandler(crashing, new ClaimRecomputation(crashing, broken, h.Sender, h.Queues), broken);
        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => crashingHandler.RunAsync(message, Ct));
        foreach (var id in ids)
        {
            Assert.Equal(1, (await h.LedgerAsync(id, Tumxuk)).Version);
        }

        Assert.Empty(await ChangedInAsync(h));

        // Redelivered to a healthy worker: every claim is found applied; each adjustment is written once and each settled claim told.
        var told = new RecordingListener();
        var healthy = new ClaimLedgerReconciler(h.Ledgers, h.Persons, h.Parameters, h.Time, [told], Microsoft.Extensions.Logging.Abstractions.NullLogger<ClaimLedgerReconciler>.Instance);
        await new ClaimQueueHandler(healthy, new ClaimRecomputation(healthy, h.Ledgers, h.Sender, h.Queues), h.Ledgers).RunAsync(message, Ct);

        Assert.Equal(ids.Select(h.Keys.KeyOf).Order(StringComparer.Ordinal), (await ChangedInAsync(h)).Order(StringComparer.Ordinal));
        Assert.Equal(message.Claims.Select(c => c.ClaimId).Order(), told.Claims.Order());
        foreach (var id in ids)
        {
            Assert.Equal(1, (await h.LedgerAsync(id, Tumxuk)).Version);
        }

        Assert.Equal(ids.Count, (await h.Ledgers.PersonsWithClaimsInAsync(Tumxuk, 2025, Ct)).Count);
    }

    private static async Task<List<string>> ChangedInAsync(ClaimsHarness h)
    {
        var persons = new List<string>();
        await foreach (var person in h.Ledgers.PersonsWithAdjustmentsAsync(Tumxuk, "202512", Ct))
        {
            persons.Add(person);
        }

        return persons;
    }

    private sealed class RecordingListener : IClaimSettledListener
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Claims { get; } = [];

        public Task SettledAsync(string claimId, CancellationToken cancellationToken)
        {
            Claims.Add(claimId);
            return Task.CompletedTask;
        }
    }

    private static Claim Claim(int i) => new($"tx{i}", ClaimKind.ChronicOutpatient, new DateOnly(2025, 8, 1).AddDays(i % 100), new DateOnly(2025, 8, 1).AddDays(i % 100),
        800m + i, Insurance: InsuranceStatus.Resident);
}
