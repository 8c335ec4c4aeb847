using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Functions.Tests.Persons;
using MedicalAssistance.Functions.Tests.Rosters;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Policy.Scenarios;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Claims;

/// <summary>
/// A functions host process killed (SIGKILL) while it settles a person's claims from the <c>claims</c> queue, and another one
/// started: the person's ledger ends exactly as sequential processing of the same claims, each claim applied once.
/// </summary>
public sealed class ClaimKillTests(AzuriteFixture azurite)
{
    private const string Tumxuk = "tumxuk-2025";
    private static readonly Identity Marginal = new(IdentityTypes.Find("DIBAO_MARGINAL")!, new DateOnly(2025, 7, 15), new DateOnly(2025, 7, 15), null);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_killed_while_settling_and_another_started_end_in_the_ledger_of_sequential_processing()
    {
        var h = await ClaimsHarness.CreateAsync(azurite);
        var killed = TestIds.Make(new DateOnly(1988, 2, 3), 61);
        var sequential = TestIds.Make(new DateOnly(1988, 2, 3), 62);
        await h.SetIdentitiesAsync(killed, [Marginal]);
        await h.SetIdentitiesAsync(sequential, [Marginal]);
        var claims = Enumerable.Range(0, 30).Select(i => new Claim($"kill{i:D2}", i % 3 == 0 ? ClaimKind.Inpatient : ClaimKind.ChronicOutpatient,
            new DateOnly(2025, 8, 1).AddDays(i * 4), new DateOnly(2025, 8, 1).AddDays(i * 4 + (i % 3 == 0 ? 3 : 0)), 1200m + i * 517.35m,
            Insurance: InsuranceStatus.Resident)).ToList();

        var one = h.NewWorker();
        foreach (var claim in claims)
        {
            await one.ApplyAsync(h.Message(sequential, Tumxuk, claim), Ct);
        }

        foreach (var claim in claims.Concat(claims.Take(5)))
        {
            await h.Sender.SendAsync(h.Queues.Claims, ClaimsQueued.One(h.Message(killed, Tumxuk, claim)), Ct); // five delivered twice
        }

        string[] settings =
        [
            $"--Persons:Table={h.Names[0]}", $"--Persons:ExemptionTable={h.Names[1]}", $"--Claims:Table={h.Names[2]}", $"--Claims:LedgerTable={h.Names[3]}",
            $"--Claims:IndexTable={h.Names[4]}", $"--Claims:AdjustmentTable={h.Names[5]}", $"--Claims:ParametersTable={h.Names[6]}",
            $"--Claims:Queue={h.Queues.Claims}", $"--Claims:RecomputeQueue={h.Queues.Recompute}",
            .. TestRosters.PrivateRosterHostArgs(AzuriteFixture.UniqueName("rosters"), AzuriteFixture.UniqueName("reports"), AzuriteFixture.UniqueName("rosterq")),
            "--AzureFunctionsJobHost:extensions:queues:batchSize=1", "--Hosting:Queues:MinPollingInterval=00:00:00.050",
            // The message the killed host held comes back after its lease: 6 s, not the default 10 minutes (the second host
            // would wait for it past the test's deadline); redeliveries under load must not end in poison.
            "--Hosting:Queues:MessageLease=00:00:06", "--AzureFunctionsJobHost:extensions:queues:maxDequeueCount=10",
        ];
        async Task<int> AppliedAsync() => (await h.Ledgers.LoadAsync(h.Keys.KeyOf(killed), Tumxuk, Ct))?.State.Claims.Count ?? 0;

        await using (var first = FunctionsHostProcess.Start(azurite.ConnectionString, settings))
        {
            await Eventually.HoldsAsync(async () => await AppliedAsync() >= 3, $"the first host settled some claims\n{first.Output}", TimeSpan.FromSeconds(60));
            await first.KillAsync();
        }

        Assert.InRange(await AppliedAsync(), 3, 29); // killed half-way
        await using (var second = FunctionsHostProcess.Start(azurite.ConnectionString, settings))
        {
            await Eventually.HoldsAsync(async () => await AppliedAsync() == 30, $"the second host settled the rest\n{second.Output}", TimeSpan.FromSeconds(120));
        }

        var expected = await h.LedgerAsync(sequential, Tumxuk);
        var actual = await h.LedgerAsync(killed, Tumxuk);
        foreach (var claim in claims)
        {
            Assert.Equal((expected.Results[claim.Id].Status, expected.Results[claim.Id].Total), (actual.Results[claim.Id].Status, actual.Results[claim.Id].Total));
            // Applied once: its adjustments add up to its final total, whatever was redelivered or cut short.
            Assert.Equal(actual.Results[claim.Id].Total, actual.History[claim.Id].Sum(e => e.Delta));
        }
    }
}
