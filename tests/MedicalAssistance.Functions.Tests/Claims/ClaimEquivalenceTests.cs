using System.Text.Json;
using CsCheck;
using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Functions.Tests.Persons;
using MedicalAssistance.Policy.Scenarios;
using MedicalAssistance.Policy.Simulation;
using MedicalAssistance.Policy.Tests.Properties;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Claims;

/// <summary>
/// Rule 5 of the claims contract: for random persons and claim sets of all five profiles (the policy tests' generators),
/// every result stored in a ledger equals what <c>simulate</c> returns for the equivalent scenario — the person's identity
/// periods as stored, the year's parameters as set, the claims in force in service-date order. Claims arrive one message at
/// a time in random order, so late arrivals are recomputed on the way.
/// </summary>
public sealed class ClaimEquivalenceTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_stored_result_equals_simulate_for_random_persons_of_every_profile()
    {
        var harness = await ClaimsHarness.CreateAsync(azurite);
        var sequence = 0;
        var profilesSeen = new HashSet<string>();
        var settledSeen = 0;
        await ScenarioGenerators.Scenario.SampleAsync(async scenario =>
        {
            var n = Interlocked.Increment(ref sequence);
            var profile = scenario.Profile.Id;
            var id = TestIds.Make(scenario.Person.BirthDate, n % 1000, n < 1000 ? "441402" : "441403");
            var person = scenario.Person with
            {
                Identities = [.. scenario.Person.Identities.OrderBy(i => i.Start).ThenBy(i => i.Type.Code, StringComparer.Ordinal)],
            };
            await harness.SetIdentitiesAsync(id, person.Identities);
            // Each random person has random values for the same profile and years: a parameter table per person.
            var parameters = await harness.PrivateParametersAsync();
            var worker = harness.NewWorker(parameters);
            var parametersJson = ClaimsHarness.ParametersJson(scenario.Parameters);
            var claims = scenario.Claims.Select(c => c with { Id = $"p{n}-{c.Id}", Insurance = person.Insurance, MentalDisorder = person.MentalDisorder }).ToList();
            foreach (var year in claims.Select(c => c.ServiceDate.Year).Distinct())
            {
                await parameters.PutAsync(profile, year, parametersJson, "test", harness.Time.GetUtcNow(), Ct);
            }

            // Arrival in a random order (late arrivals included): each message recomputes the person's years.
            foreach (var claim in claims.OrderBy(_ => Random.Shared.Next()))
            {
                await worker.ApplyAsync(harness.Message(id, profile, claim), Ct);
            }

            if (claims.Count == 0)
            {
                return;
            }

            var ledger = await harness.LedgerAsync(id, profile);
            var inForce = claims.Where(c => PersonClaimSettlement.InForce(scenario.Profile, c.ServiceDate)).ToList();
            foreach (var held in claims.Except(inForce))
            {
                Assert.Equal((ClaimStatus.Held, ClaimStatus.ProfileNotInForce), (ledger.Results[held.Id].Status, ledger.Results[held.Id].HeldCode));
            }

            if (inForce.Count == 0)
            {
                return;
            }

            var scenarioJson = ClaimsHarness.ScenarioJson(profile, parametersJson, person, inForce);
            var output = SimulationRunner.Run(scenarioJson);
            Assert.True(output.Ok, output.Json);
            using var expected = JsonDocument.Parse(output.Json);
            foreach (var e in expected.RootElement.GetProperty("claims").EnumerateArray())
            {
                var claimId = e.GetProperty("id").GetString()!;
                var actual = ledger.Results[claimId];
                var description = $"{claimId} of {scenarioJson}\nledger: {string.Join("; ", ledger.Results.Select(r => $"{r.Key}={r.Value.Status} {r.Value.Total} {r.Value.Reason}"))}\nsimulate: {output.Json}";
                Assert.True(ClaimStatus.Settled == actual.Status, description);
                var expectedValues = (e.GetProperty("category").GetString(), e.GetProperty("accountingYear").GetInt32(), e.GetProperty("deductibleApplied").GetDecimal(),
                    e.GetProperty("assistance").GetDecimal(), e.GetProperty("tilted").GetDecimal(), e.GetProperty("secondary").GetDecimal(), e.GetProperty("total").GetDecimal(),
                    e.GetProperty("reason").GetString(), e.GetProperty("explanation").GetProperty("zh").GetString(), e.GetProperty("explanation").GetProperty("en").GetString());
                var actualValues = (actual.Category, actual.AccountingYear, actual.DeductibleApplied, actual.Assistance, actual.Tilted, actual.Secondary, actual.Total,
                    actual.Reason, actual.ExplanationZh, actual.ExplanationEn);
                Assert.True(expectedValues == actualValues, $"expected {expectedValues}\nactual {actualValues}\n{description}");
                lock (profilesSeen)
                {
                    profilesSeen.Add(profile);
                    settledSeen++;
                }
            }
        }, iter: 150, threads: 4);

        Assert.Equal(5, profilesSeen.Count);
        Assert.True(settledSeen > 200, $"only {settledSeen} settled claims were compared");
    }
}
