using MedicalAssistance.Contracts.Beneficiaries;

namespace MedicalAssistance.Portal.Pages.Records;

/// <summary>
/// 调整记录 as the person reads it: one line per claim, with how often and why it was recomputed and the net change, instead of
/// one line per recomputation. A facility's fifty claims processed out of date order recompute the later ones many times; the
/// page stays as long as the claim list (issue 11: /records ≤ 60 KB with 50 claims) and the staff API keeps every event.
/// </summary>
/// <param name="Subject">The claim's date and facility (<c>2025-05-10 梅州市人民医院</c>), or its id once it is no longer listed (reversed).</param>
public sealed record ClaimAdjustments(DateOnly LastDate, string Subject, int Count, decimal Net, IReadOnlyList<string> ReasonsZh)
{
    public static IReadOnlyList<ClaimAdjustments> Of(BeneficiaryRecords records)
    {
        var claims = records.Claims.ToDictionary(c => c.ClaimId);
        return [.. records.Adjustments
            .GroupBy(a => a.ClaimId)
            .Select(g => new ClaimAdjustments(
                g.Max(a => a.Date),
                claims.TryGetValue(g.Key, out var claim) ? $"{claim.Date:yyyy-MM-dd} {claim.Facility}".TrimEnd() : $"结算单 {g.Key}",
                g.Count(),
                g.Sum(a => a.Difference),
                [.. g.Select(a => a.ReasonZh).Distinct()]))
            .OrderByDescending(a => a.LastDate).ThenBy(a => a.Subject, StringComparer.Ordinal)];
    }
}
