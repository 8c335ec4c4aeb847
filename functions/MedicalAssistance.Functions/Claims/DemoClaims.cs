using System.Text.Json.Nodes;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Rosters.Demo;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// <c>seed-demo</c>'s claims: two one-stop records (a chronic-outpatient visit and a stay) for the first demo person of each
/// profile's first department, submitted through the real intake (validation, claims table, <c>claims</c> queue) and settled
/// by the same ledger service the queue trigger runs, so that <c>GET /api/claims/{id}</c> shows them settled as soon as the
/// host is up (the queued copies then find them applied). Prints <c>claim &lt;profile&gt;: &lt;id&gt;</c> per profile. Idempotent.
/// </summary>
public static class DemoClaims
{
    /// <summary>The demo claims' year: inside every profile's dates in force (Tumxuk from 2025-07-01).</summary>
    public const int Year = 2025;

    public static async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var intake = services.GetRequiredService<ClaimIntake>();
        var claims = services.GetRequiredService<ClaimStore>();
        var reconciler = services.GetRequiredService<ClaimLedgerReconciler>();
        var submitter = new ClaimSubmitter("seed-demo", Staff: true, new HashSet<string>());
        var lines = new List<string>();
        foreach (var profile in IdentityTypes.ProfileIds)
        {
            var index = DemoDepartments.All.ToList().FindIndex(d => d.Profile == profile);
            var department = DemoDepartments.All[index];
            var idNumber = DemoRosters.DemoIdNumber(department, index, 0);
            var facility = $"{profile[..2].ToUpperInvariant()}-H001";
            var stay = $"DEMO-{profile}-0002";
            var body = new JsonArray(
                Claim($"DEMO-{profile}-0001", profile, idNumber, facility, "chronic-outpatient", "2025-08-12", null, 2_400m),
                Claim(stay, profile, idNumber, facility, "inpatient", "2025-09-03", "2025-09-12", 18_600m));
            using var document = System.Text.Json.JsonDocument.Parse(body.ToJsonString());
            var result = await intake.SubmitAsync([.. document.RootElement.EnumerateArray().Select(e => e.Clone())], submitter, cancellationToken);
            if (result.Problem is { } problem)
            {
                throw new InvalidOperationException($"Demo claims of {profile} refused: {problem.Code} {problem.Field}");
            }

            foreach (var accepted in result.Accepted!.Claims)
            {
                if ((await claims.GetAsync(accepted.Id, cancellationToken)) is { } stored)
                {
                    await reconciler.ApplyAsync(ClaimIntake.MessageOf(stored.Record), cancellationToken);
                }
            }

            lines.Add($"claim {profile}: {stay}");
        }

        return lines;
    }

    private static JsonObject Claim(string id, string profile, string idNumber, string facility, string kind, string admission, string? discharge, decimal amount)
    {
        var claim = new JsonObject
        {
            ["id"] = id,
            ["profile"] = profile,
            ["idNumber"] = idNumber,
            ["name"] = "演示患者",
            ["insurance"] = "resident",
            ["kind"] = kind,
            ["admission"] = admission,
            ["policyScopeSelfPay"] = amount,
            ["outOfPolicySelfPay"] = 1_200m,
            ["facility"] = new JsonObject { ["code"] = facility, ["name"] = "演示定点医院", ["level"] = 2 },
        };
        if (discharge is not null)
        {
            claim["discharge"] = discharge;
        }

        return claim;
    }
}
