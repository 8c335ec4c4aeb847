using System.Text.Json;
using CsCheck;
using MedicalAssistance.Policy.Profiles;
using MedicalAssistance.Policy.Scenarios;
using MedicalAssistance.Policy.Settlement;
using MedicalAssistance.Policy.Simulation;

namespace MedicalAssistance.Policy.Tests.Properties;

/// <summary>Invariants of the settlement over generated scenarios of every profile.</summary>
public sealed class SettlementPropertyTests
{
    private const int Iterations = 2000;

    [Fact]
    public void Totals_equal_the_sum_of_the_claims()
    {
        ScenarioGenerators.Scenario.Sample(scenario =>
        {
            var result = SettlementEngine.Settle(scenario);
            var claims = result.Claims;
            Assert.Equal(claims.Sum(c => c.Assistance), result.Years.Sum(y => y.Assistance));
            Assert.Equal(claims.Sum(c => c.Tilted), result.Years.Sum(y => y.Tilted));
            Assert.Equal(claims.Sum(c => c.Secondary), result.Years.Sum(y => y.Secondary));
            Assert.Equal(claims.Sum(c => c.Total), result.Years.Sum(y => y.Total));
            Assert.Equal(claims.Select(c => c.AccountingYear).Distinct().Order(), result.Years.Select(y => y.Year));

            // And as written by the command and the endpoint.
            using var json = JsonDocument.Parse(Write(result));
            var totals = json.RootElement.GetProperty("totals");
            Assert.Equal(claims.Sum(c => c.Total), totals.GetProperty("total").GetDecimal());
            Assert.Equal(claims.Sum(c => c.Assistance), totals.GetProperty("assistance").GetDecimal());
            Assert.Equal(
                json.RootElement.GetProperty("claims").EnumerateArray().Sum(c => c.GetProperty("total").GetDecimal()),
                totals.GetProperty("total").GetDecimal());
        }, iter: Iterations, print: ScenarioGenerators.Describe);
    }

    [Fact]
    public void No_amount_is_negative_and_no_claim_is_paid_more_than_its_eligible_cost()
    {
        int paid = 0, tilted = 0, secondary = 0, capExhausted = 0;
        ScenarioGenerators.Scenario.Sample(scenario =>
        {
            foreach (var o in SettlementEngine.Settle(scenario).Claims)
            {
                Interlocked.Add(ref paid, o.Assistance > 0 ? 1 : 0);
                Interlocked.Add(ref tilted, o.Tilted > 0 ? 1 : 0);
                Interlocked.Add(ref secondary, o.Secondary > 0 ? 1 : 0);
                Interlocked.Add(ref capExhausted, o.Reason == ZeroReason.CapExhausted ? 1 : 0);
                Assert.True(o.Assistance >= 0 && o.Tilted >= 0 && o.Secondary >= 0 && o.DeductibleApplied >= 0);
                Assert.True(o.Assistance + o.Tilted <= o.Eligible, $"paid {o.Assistance} + {o.Tilted} > eligible {o.Eligible}");
                Assert.True(o.DeductibleApplied <= o.Eligible);
                Assert.Equal(o.Total == 0m, o.Reason != ZeroReason.None);
            }
        }, iter: Iterations, print: ScenarioGenerators.Describe);

        // The generator must reach the interesting paths, or the invariants above prove little.
        TestContext.Current.SendDiagnosticMessage($"paid {paid}, tilted {tilted}, secondary {secondary}, cap exhausted {capExhausted}");
        // (Typical counts over 2,000 scenarios: about 2,500 paid, 1,000 with tilted, 150 with secondary, 250 cap exhausted.)
        Assert.True(paid > Iterations / 2 && tilted > 50 && secondary > 50 && capExhausted > 50, $"paid {paid}, tilted {tilted}, secondary {secondary}, cap exhausted {capExhausted}");
    }

    [Fact]
    public void Annual_caps_are_never_exceeded()
    {
        ScenarioGenerators.Scenario.Sample(scenario =>
        {
            var result = SettlementEngine.Settle(scenario);

            // Replay the year's pools independently, in service-date order, and check every paid claim against its category's caps.
            var paid = new Dictionary<(int Year, CapPool Pool), decimal>();
            var tiltedPaid = new Dictionary<int, decimal>();
            var secondaryPaid = new Dictionary<int, decimal>();
            foreach (var i in ServiceOrder(scenario))
            {
                var o = result.Claims[i];
                if (o.Reason.StoppedBeforeCalculation())
                {
                    Assert.Equal(0m, o.Total);
                    continue;
                }

                ref var slot = ref scenario.TermsFor(scenario.Claims[i].ServiceDate.Year).Slot(o.Slot);
                var kind = SettlementTerms.Kind(ref slot, scenario.Claims[i].Kind);
                var inpatientPool = scenario.Claims[i].Kind == ClaimKind.Inpatient;
                var chargedTo = kind.Pool == CapPool.Shared ? (inpatientPool ? CapPool.Inpatient : CapPool.Outpatient) : kind.Pool;
                var paidBefore = kind.Pool == CapPool.Shared
                    ? paid.GetValueOrDefault((o.AccountingYear, CapPool.Inpatient)) + paid.GetValueOrDefault((o.AccountingYear, CapPool.Outpatient))
                    : paid.GetValueOrDefault((o.AccountingYear, kind.Pool));
                Assert.True(paidBefore + o.Assistance <= Math.Max(kind.Cap, paidBefore), $"cap {kind.Cap} exceeded: {paidBefore} + {o.Assistance}");
                paid[(o.AccountingYear, chargedTo)] = paid.GetValueOrDefault((o.AccountingYear, chargedTo)) + o.Assistance;

                var tiltedBefore = tiltedPaid.GetValueOrDefault(o.AccountingYear);
                Assert.True(o.Tilted == 0m || tiltedBefore + o.Tilted <= slot.TiltedCap, $"tilted cap {slot.TiltedCap} exceeded");
                tiltedPaid[o.AccountingYear] = tiltedBefore + o.Tilted;
                secondaryPaid[o.AccountingYear] = secondaryPaid.GetValueOrDefault(o.AccountingYear) + o.Secondary;
            }

            if (scenario.Profile.Id == "tumxuk-2025")
            {
                Assert.All(result.Years, y => Assert.True(y.Assistance <= 60_000m && y.Tilted <= 400_000m));
            }

            Assert.All(secondaryPaid.Values, s => Assert.True(s <= 30_000m));
        }, iter: Iterations, print: ScenarioGenerators.Describe);
    }

    [Fact]
    public void Permuting_claims_with_distinct_service_dates_changes_no_result()
    {
        var gen =
            from scenario in ScenarioGenerators.Scenario
            let distinct = scenario.Claims.DistinctBy(c => c.ServiceDate).ToArray()
            from keys in Gen.Int.Array[distinct.Length]
            select (Original: With(scenario, distinct), Permuted: With(scenario, [.. distinct.Zip(keys).OrderBy(p => p.Second).Select(p => p.First)]));
        gen.Sample(pair =>
        {
            var original = SettlementEngine.Settle(pair.Original);
            var permuted = SettlementEngine.Settle(pair.Permuted);
            var byId = pair.Permuted.Claims.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => permuted.Claims[p.i]);
            for (var i = 0; i < pair.Original.Claims.Length; i++)
            {
                Assert.Equal(original.Claims[i], byId[pair.Original.Claims[i].Id]);
            }

            Assert.Equal(original.Years, permuted.Years);
        }, iter: Iterations, print: p => ScenarioGenerators.Describe(p.Original));
    }

    [Fact]
    public void A_claim_never_depends_on_claims_after_it_in_service_date_order()
    {
        var gen =
            from scenario in ScenarioGenerators.Scenario
            let ordered = ServiceOrder(scenario).Select(i => scenario.Claims[i]).ToArray()
            from k in Gen.Int[0, ordered.Length]
            select (Full: With(scenario, ordered), Prefix: With(scenario, ordered[..k]));
        gen.Sample(pair =>
        {
            var full = SettlementEngine.Settle(pair.Full);
            var prefix = SettlementEngine.Settle(pair.Prefix);
            for (var i = 0; i < pair.Prefix.Claims.Length; i++)
            {
                Assert.Equal(full.Claims[i], prefix.Claims[i]);
            }
        }, iter: Iterations, print: p => ScenarioGenerators.Describe(p.Full));
    }

    [Fact]
    public void The_span_overload_and_the_array_overload_agree_and_buffers_can_be_reused()
    {
        var outcomes = new ClaimOutcome[16];
        var years = new YearOutcome[16];
        ScenarioGenerators.Scenario.Sample(scenario =>
        {
            var count = SettlementEngine.Settle(scenario, outcomes, years);
            var result = SettlementEngine.Settle(scenario);
            Assert.Equal(result.Claims, outcomes[..scenario.Claims.Length]);
            Assert.Equal(result.Years, years[..count]);
        }, iter: 500, threads: 1, print: ScenarioGenerators.Describe); // one thread: the buffers are shared
    }

    private static Scenario With(Scenario scenario, Claim[] claims) => new(scenario.Profile, scenario.Parameters, scenario.Person, claims);

    /// <summary>Input indices in processing order (§4.3): service date, then input order.</summary>
    private static int[] ServiceOrder(Scenario scenario) =>
        [.. Enumerable.Range(0, scenario.Claims.Length).OrderBy(i => scenario.Claims[i].ServiceDate).ThenBy(i => i)];

    private static string Write(SettlementResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            ResultWriter.Write(writer, result);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
