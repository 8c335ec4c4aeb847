using System.Globalization;
using System.Text.Json;
using MedicalAssistance.Contracts.Beneficiaries;
using MedicalAssistance.Functions.Beneficiaries.Records;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// The portal's claim sections (我的记录) from the person's claim ledgers, one per profile: every settled claim with the
/// engine's Chinese explanation, the year totals, and every adjustment of a result (late claim, reversal, new parameters,
/// identity change). Reversed and held claims are not listed as paid.
/// </summary>
public sealed class ClaimBeneficiaryRecords(ClaimLedgerStore ledgers) : IBeneficiaryClaimRecords
{
    public async Task<BeneficiaryClaimSections> GetAsync(string personKey, CancellationToken cancellationToken)
    {
        var claims = new List<(BeneficiaryClaim Claim, int Year)>();
        var adjustments = new List<BeneficiaryAdjustment>();
        foreach (var profile in await ledgers.ProfilesOfAsync(personKey, cancellationToken))
        {
            if (await ledgers.LoadAsync(personKey, profile, cancellationToken) is not { } loaded)
            {
                continue;
            }

            var state = loaded.State;
            foreach (var claim in state.Claims.Where(c => !c.Reversed))
            {
                if (!state.Results.TryGetValue(claim.Id, out var result) || result.Status != ClaimStatus.Settled)
                {
                    continue;
                }

                using var input = JsonDocument.Parse(claim.Input);
                var root = input.RootElement;
                var date = DateOnly.ParseExact((Text(root, "discharge") ?? Text(root, "admission"))!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var facility = claim.FacilityName ?? claim.FacilityCode ?? "";
                var selfPay = Amount(root, "policyScopeSelfPay") + Amount(root, "outOfPolicySelfPay");
                claims.Add((new BeneficiaryClaim(claim.Id, date, facility, Text(root, "kind") ?? "", Text(root, "settlement") ?? "",
                    selfPay, result.Assistance, result.Tilted, result.Secondary, null, result.ExplanationZh ?? ""), result.AccountingYear));
            }

            foreach (var (claimId, history) in state.History)
            {
                // The first settlement is not an adjustment; every later change of the result is, with its cause.
                foreach (var entry in history.Where(h => h.Event != ClaimStatus.EventSettled))
                {
                    adjustments.Add(new BeneficiaryAdjustment(DateOnly.FromDateTime(entry.At.ToOffset(TimeSpan.FromHours(8)).DateTime), claimId, entry.Delta, CauseZh(entry.Cause)));
                }
            }
        }

        var years = claims.GroupBy(c => c.Year).OrderByDescending(g => g.Key).Select(g => new BeneficiaryYearTotal(
            g.Key, g.Sum(c => c.Claim.SelfPay), g.Sum(c => c.Claim.Assistance), g.Sum(c => c.Claim.Tilted), g.Sum(c => c.Claim.Secondary), null)).ToList();
        return new BeneficiaryClaimSections([.. claims.Select(c => c.Claim).OrderByDescending(c => c.Date)], years, [.. adjustments.OrderByDescending(a => a.Date)]);
    }

    private static string CauseZh(string cause) => cause switch
    {
        "late-claim" => "补录了更早的就诊，重新计算",
        "reversal" => "一笔结算被撤销，重新计算",
        "parameters" => "救助标准调整，重新计算",
        "identity" => "救助身份变化，重新计算",
        _ => "重新计算",
    };

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static decimal Amount(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : 0m;
}
