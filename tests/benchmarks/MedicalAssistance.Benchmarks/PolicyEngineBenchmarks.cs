using System.Text;
using BenchmarkDotNet.Attributes;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Policy.Profiles;
using MedicalAssistance.Policy.Scenarios;
using MedicalAssistance.Policy.Settlement;
using MedicalAssistance.Policy.Simulation;

namespace MedicalAssistance.Benchmarks;

/// <summary>
/// Settles 100,000 persons × 10 claims through the policy engine, spread over the five profiles. OperationsPerInvoke is
/// the number of claims, so BenchmarkDotNet's Mean is time per claim and Allocated is bytes per claim.
/// </summary>
[MemoryDiagnoser]
public class PolicyEngineBenchmarks
{
    private const int Persons = 100_000;
    private const int ClaimsPerPerson = 10;
    private const int Claims = Persons * ClaimsPerPerson;
    private const int JsonPersons = 1_000;

    private Scenario[] scenarios = [];
    private byte[][] jsonBodies = [];
    private readonly ClaimOutcome[] outcomes = new ClaimOutcome[ClaimsPerPerson];
    private readonly YearOutcome[] years = new YearOutcome[ClaimsPerPerson];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20251123);
        var profiles = PolicyProfiles.All.ToArray();
        // One operator parameter set per region, shared by its persons as in a settlement run.
        var parameters = profiles.Select(Parameters).ToArray();
        scenarios = new Scenario[Persons];
        for (var p = 0; p < Persons; p++)
        {
            scenarios[p] = Person(random, profiles[p % profiles.Length], parameters[p % profiles.Length], p);
        }

        jsonBodies = [.. scenarios.Take(JsonPersons).Select(s => Encoding.UTF8.GetBytes(ScenarioJson(s)))];

        // Guard against measuring a degenerate workload: the JSON must be valid and most claims must be paid.
        if (jsonBodies.Any(b => !SimulationRunner.Run(b).Ok))
        {
            throw new InvalidOperationException("A benchmark scenario is invalid: " + SimulationRunner.Run(jsonBodies.First(b => !SimulationRunner.Run(b).Ok)).Json);
        }

        var paid = scenarios.Sum(s => SettlementEngine.Settle(s).Claims.Count(c => c.Total > 0));
        Console.WriteLine($"// workload: {Persons} persons, {Claims} claims, {paid} paid ({100.0 * paid / Claims:F1}%)");
        if (paid < Claims / 2)
        {
            throw new InvalidOperationException($"Only {paid} of {Claims} claims are paid: the workload is degenerate.");
        }
    }

    /// <summary>The engine's hot path: caller buffers reused, as a settlement run would.</summary>
    [Benchmark(OperationsPerInvoke = Claims, Baseline = true)]
    public decimal SettleIntoReusedBuffers()
    {
        var sum = 0m;
        foreach (var scenario in scenarios)
        {
            SettlementEngine.Settle(scenario, outcomes, years);
            sum += outcomes[0].Total;
        }

        return sum;
    }

    /// <summary>The convenience overload: new result arrays per person.</summary>
    [Benchmark(OperationsPerInvoke = Claims)]
    public decimal SettleIntoNewArrays()
    {
        var sum = 0m;
        foreach (var scenario in scenarios)
        {
            sum += SettlementEngine.Settle(scenario).Claims[0].Total;
        }

        return sum;
    }

    /// <summary>For scale: the whole simulate path (parse, validate, settle, explain, write JSON) on 1,000 persons.</summary>
    [Benchmark(OperationsPerInvoke = JsonPersons * ClaimsPerPerson)]
    public int SimulateJson()
    {
        var length = 0;
        foreach (var body in jsonBodies)
        {
            length += SimulationRunner.Run(body).Json.Length;
        }

        return length;
    }

    private static readonly Dictionary<string, string[]> Types = new()
    {
        [IdentityTypes.Meizhou] = ["DIBAO", "DIBAO_MARGINAL", "ILLNESS_POVERTY", "TEKUN"],
        [IdentityTypes.Jieyang] = ["DIBAO", "TEKUN", "REGISTERED_POOR", "LOW_INCOME"],
        [IdentityTypes.InnerMongolia] = ["DIBAO", "DIBAO_MARGINAL", "MONITORED_RURAL", "ILLNESS_POVERTY"],
        [IdentityTypes.Baoshan] = ["DIBAO", "DIBAO_MARGINAL", "ILLNESS_POVERTY", "TEKUN"],
        [IdentityTypes.Tumxuk] = ["DIBAO", "DIBAO_MARGINAL", "ILLNESS_POVERTY", "HARDSHIP_WORKER"],
    };

    private static Scenario Person(Random random, PolicyProfile profile, ScenarioParameters parameters, int index)
    {
        var types = Types[profile.Id];
        var identities = new List<Identity>
        {
            new(IdentityTypes.Find(types[random.Next(types.Length)])!, new DateOnly(2024, 1, 10), new DateOnly(2024, 1, 10), null),
        };
        if (random.Next(3) == 0)
        {
            // A second identity from mid-year: the highest rule has two candidates to compare.
            var start = new DateOnly(2024, 7, 1);
            identities.Add(new Identity(IdentityTypes.Find(types[random.Next(types.Length)])!, start, start, random.Next(2) == 0 ? null : new DateOnly(2025, 3, 31)));
        }

        var claims = new Claim[ClaimsPerPerson];
        for (var c = 0; c < ClaimsPerPerson; c++)
        {
            var kind = (ClaimKind)random.Next(3);
            var admission = new DateOnly(2024, 1, 1).AddDays(random.Next(700));
            claims[c] = new Claim(
                $"c{c}",
                kind,
                admission,
                kind == ClaimKind.Inpatient ? admission.AddDays(random.Next(20)) : null,
                random.Next(0, 4_000_000) / 100m,
                random.Next(0, 500_000) / 100m,
                Referral: random.Next(10) != 0,
                Emergency: random.Next(10) == 0);
        }

        return new Scenario(profile, parameters, new Person($"P{index}", new DateOnly(1960, 5, 5), InsuranceStatus.Resident, false, identities), claims);
    }

    private static ScenarioParameters Parameters(PolicyProfile profile)
    {
        var benefits = new Dictionary<string, BenefitRule>(StringComparer.Ordinal);
        if (profile.OperatorBenefits)
        {
            foreach (var type in profile.CoveredTypes)
            {
                benefits[type.Code] = type.Rank % 2 == 0
                    ? new BenefitRule(1_000m, 0.8m, 50_000m, null, null, new TiltedRule(2_000m, 0.5m, 20_000m))
                    : new BenefitRule(0m, 0.9m, null, 20_000m, 60_000m, null);
            }
        }

        var amounts = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["provinceDisposableIncomePrevYear"] = 28_421m,
            ["outpatientAnnualCap"] = 28_421m,
            ["inpatientAnnualCap"] = 100_000m,
            ["ruralDisposableIncomePrevYear"] = 20_000m,
        };
        var parameters = new ScenarioParameters(
            amounts.Where(a => profile.RequiredParameters.Contains(a.Key)).ToDictionary(),
            benefits);
        return parameters;
    }

    /// <summary>The same person as scenario JSON (scenario-format.md §3).</summary>
    private static string ScenarioJson(Scenario s)
    {
        static string D(DateOnly d) => $"\"{d:yyyy-MM-dd}\"";
        static string M(decimal m) => m.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        var parameters = string.Join(",", s.Parameters.Amounts.Select(a => $"\"{a.Key}\":{M(a.Value)}")
            .Append("\"benefits\":{" + string.Join(",", s.Parameters.Benefits.Select(b =>
                $"\"{b.Key}\":{{\"deductible\":{M(b.Value.Deductible)},\"ratio\":{b.Value.Ratio}," + (b.Value.AnnualCap is { } cap
                    ? $"\"annualCap\":{M(cap)}"
                    : $"\"outpatientAnnualCap\":{M(b.Value.OutpatientAnnualCap!.Value)},\"inpatientAnnualCap\":{M(b.Value.InpatientAnnualCap!.Value)}")
                + (b.Value.Tilted is { } t ? $",\"tilted\":{{\"deductible\":{M(t.Deductible)},\"ratio\":{t.Ratio},\"annualCap\":{M(t.AnnualCap)}}}" : "")
                + "}")) + "}"));
        var identities = string.Join(",", s.Person.Identities.Select(i =>
            $"{{\"type\":\"{i.Type.Code}\",\"determinedOn\":{D(i.DeterminedOn)},\"start\":{D(i.Start)},\"end\":{(i.End is { } e ? D(e) : "null")}}}"));
        var claims = string.Join(",", s.Claims.Select(c =>
            $"{{\"id\":\"{c.Id}\",\"kind\":\"{(c.Kind == ClaimKind.ChronicOutpatient ? "chronic-outpatient" : c.Kind.ToString().ToLowerInvariant())}\","
            + $"\"admission\":{D(c.Admission)},\"discharge\":{(c.Discharge is { } d ? D(d) : "null")},\"policyScopeSelfPay\":{M(c.PolicyScopeSelfPay)},"
            + $"\"outOfPolicySelfPay\":{M(c.OutOfPolicySelfPay)},\"referral\":{(c.Referral ? "true" : "false")},\"emergency\":{(c.Emergency ? "true" : "false")}}}"));
        return $"{{\"profile\":\"{s.Profile.Id}\",\"parameters\":{{{parameters}}},\"person\":{{\"id\":\"{s.Person.Id}\",\"birthDate\":{D(s.Person.BirthDate)},"
            + $"\"insurance\":\"resident\",\"identities\":[{identities}]}},\"claims\":[{claims}]}}";
    }
}
