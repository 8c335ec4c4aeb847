using System.Globalization;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Policy.Profiles;
using MedicalAssistance.Policy.Scenarios;
using MedicalAssistance.Policy.Settlement;

namespace MedicalAssistance.Policy.Simulation;

/// <summary>
/// Renders a settled claim as text a beneficiary or an auditor can follow, in Chinese with English alongside: the
/// identity and category used, deductible, ratio, cap before and after, tilted and secondary steps, or why it is zero.
/// Built only when results are written, never in the engine's hot path.
/// </summary>
public static class ClaimExplanation
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static (string Zh, string En) Render(Scenario scenario, Claim claim, in ClaimOutcome o)
    {
        var profile = scenario.Profile;
        var serviceDate = claim.ServiceDate.ToString("yyyy-MM-dd", Invariant);
        switch (o.Reason)
        {
            case ZeroReason.NoCoveredIdentity:
                return ($"该人员未持有{profile.Name.Zh}覆盖的救助身份，本笔费用不予救助。",
                    $"The person holds no identity covered by {profile.Id}; no assistance.");
            case ZeroReason.NotEligibleOnDate:
                return ($"费用日期 {serviceDate} 不在任何救助身份的待遇享受期内，不予救助。",
                    $"The service date {serviceDate} is outside the benefit period of every identity held; no assistance.");
            case ZeroReason.IdentityEndedDuringStay:
                return ("救助身份在住院期间终止，本次住院不予救助（内蒙古规程第十五条）。",
                    "The identity ended during the stay, so the stay gets no assistance (Inner Mongolia Art. 15).");
        }

        var (categoryZh, categoryEn) = Category(scenario, o);
        var headZh = $"按{categoryZh}在 {o.AccountingYear} 年度核算";
        var headEn = $"Assessed as {categoryEn} in accounting year {o.AccountingYear}";
        if (o.AccountingYear != claim.ServiceDate.Year)
        {
            headZh += $"（追溯期费用计入认定年度）";
            headEn += " (retro-period cost charged to the determination year)";
        }

        var gate = o.Reason switch
        {
            ZeroReason.InsuranceNotEligible => ("未参加本市城乡居民基本医疗保险，不属于救助对象", "not enrolled in the city's resident insurance"),
            ZeroReason.NonDesignatedFacility => ("非定点医药机构发生的费用不予救助", "costs at a non-designated facility are not assisted"),
            ZeroReason.Excluded => ("属于不予救助的情形", "the claim is on the exclusion list"),
            ZeroReason.KindNotCovered => ("该类别不含此类就医的救助", "this kind of care is outside the category's scope"),
            ZeroReason.NoReferral => ("未按规定转诊（非急诊抢救、非复诊），不予救助", "not referred as required, and neither emergency nor follow-up"),
            _ => ((string, string)?)null,
        };
        if (gate is { } g)
        {
            return ($"{headZh}：{g.Item1}，救助金额为 0。", $"{headEn}: {g.Item2}; assistance 0.");
        }

        ref var terms = ref scenario.TermsFor(claim.ServiceDate.Year).Slot(o.Slot);
        ref var kind = ref SettlementTerms.Kind(ref terms, claim.Kind);
        var zh = new System.Text.StringBuilder();
        var en = new System.Text.StringBuilder();
        zh.Append(headZh).Append("。可救助费用 ").Append(M(o.Eligible)).Append(" 元");
        en.Append(headEn).Append(". Eligible cost ").Append(M(o.Eligible));
        if (claim.NotionalInsurancePayment is { } notional && claim.InsuranceOf(scenario.Person) == InsuranceStatus.None)
        {
            zh.Append("（已扣除应由基本医保和大病保险支付的 ").Append(M(notional)).Append(" 元）");
            en.Append(" (after deducting the notional insurance payment ").Append(M(notional)).Append(')');
        }

        var baseAmount = o.Eligible - o.DeductibleApplied;
        var raw = Money.Times(baseAmount, kind.Ratio);
        var capAfter = o.CapRemainingBefore - o.Assistance;
        zh.Append("；年度起付线 ").Append(M(terms.Deductible)).Append(" 元，本次前剩余 ").Append(M(o.DeductibleRemainingBefore))
            .Append(" 元，本次抵扣 ").Append(M(o.DeductibleApplied)).Append(" 元；按 ").Append(P(kind.Ratio)).Append(" 计算 ")
            .Append(M(raw)).Append(" 元；").Append(PoolZh(kind.Pool)).Append(' ').Append(M(kind.Cap)).Append(" 元，本次前剩余 ")
            .Append(M(o.CapRemainingBefore)).Append(" 元，本次后剩余 ").Append(M(capAfter)).Append(" 元；医疗救助 ").Append(M(o.Assistance)).Append(" 元");
        en.Append("; annual deductible ").Append(M(terms.Deductible)).Append(", remaining before ").Append(M(o.DeductibleRemainingBefore))
            .Append(", absorbed ").Append(M(o.DeductibleApplied)).Append("; ").Append(P(kind.Ratio)).Append(" of ").Append(M(baseAmount))
            .Append(" = ").Append(M(raw)).Append("; ").Append(PoolEn(kind.Pool)).Append(' ').Append(M(kind.Cap)).Append(", left before ")
            .Append(M(o.CapRemainingBefore)).Append(", after ").Append(M(capAfter)).Append("; main assistance ").Append(M(o.Assistance));

        if (o.TiltedApplied)
        {
            var residual = o.Eligible - o.Assistance;
            zh.Append("。倾斜救助：剩余个人负担 ").Append(M(residual)).Append(" 元，倾斜起付线剩余 ").Append(M(o.TiltedDeductibleRemainingBefore))
                .Append(" 元、抵扣 ").Append(M(o.TiltedDeductibleApplied)).Append(" 元，按 ").Append(P(terms.TiltedRatio)).Append(" 计算，倾斜年度限额剩余 ")
                .Append(M(o.TiltedCapRemainingBefore)).Append(" 元，支付 ").Append(M(o.Tilted)).Append(" 元");
            en.Append(". Tilted: residual ").Append(M(residual)).Append(", tilted deductible remaining ").Append(M(o.TiltedDeductibleRemainingBefore))
                .Append(", absorbed ").Append(M(o.TiltedDeductibleApplied)).Append(", ratio ").Append(P(terms.TiltedRatio)).Append(", tilted cap left ")
                .Append(M(o.TiltedCapRemainingBefore)).Append(", paid ").Append(M(o.Tilted));
        }
        else if (terms.HasTilted)
        {
            zh.Append("。未满足倾斜救助条件（规范转诊且在区内就医）");
            en.Append(". Tilted assistance not applicable (needs referral and in-region care)");
        }

        if (profile.HasSecondary)
        {
            zh.Append("。二次救助：年度累计自负 ").Append(M(o.SecondaryBase)).Append(" 元，已发放 ").Append(M(o.SecondaryPaidBefore))
                .Append(" 元，本次 ").Append(M(o.Secondary)).Append(" 元");
            en.Append(". Secondary: year's cumulative self-paid ").Append(M(o.SecondaryBase)).Append(", already awarded ")
                .Append(M(o.SecondaryPaidBefore)).Append(", this claim ").Append(M(o.Secondary));
        }

        zh.Append("。合计 ").Append(M(o.Total)).Append(" 元");
        en.Append(". Total ").Append(M(o.Total));
        var zero = o.Reason switch
        {
            ZeroReason.NoEligibleCost => ("（可救助费用为 0）", " (no eligible cost)"),
            ZeroReason.BelowDeductible => ("（费用全部计入起付线）", " (all of it went to the deductible)"),
            ZeroReason.CapExhausted => ("（年度限额已用完）", " (the annual cap is exhausted)"),
            ZeroReason.NoBenefit => ("（按规则无可支付金额）", " (the rules pay nothing here)"),
            _ => ("", ""),
        };
        zh.Append(zero.Item1).Append('。');
        en.Append(zero.Item2).Append('.');
        return (zh.ToString(), en.ToString());
    }

    private static (string Zh, string En) Category(Scenario scenario, in ClaimOutcome o)
    {
        var profile = scenario.Profile;
        if (o.Slot == PolicyProfile.TwoDiseaseChildSlot)
        {
            return (IdentityTypes.TwoDiseaseChildChineseName, "a two-disease child (TWO_DISEASE_CHILD)");
        }

        var identity = o.IdentityIndex >= 0 ? scenario.Person.Identities[o.IdentityIndex].Type : IdentityTypes.ByRank(o.Slot);
        return profile.Scheme == CategoryScheme.Classes
            ? ($"{identity.DisplayName}（{identity.Code}，第{o.Slot}类）", $"{identity.Code} (class {o.Slot})")
            : ($"{identity.DisplayName}（{identity.Code}）", identity.Code);
    }

    private static string PoolZh(CapPool pool) => pool switch
    {
        CapPool.Inpatient => "住院年度限额",
        CapPool.Outpatient => "门诊年度限额",
        _ => "年度限额（门诊住院合并）",
    };

    private static string PoolEn(CapPool pool) => pool switch
    {
        CapPool.Inpatient => "inpatient annual cap",
        CapPool.Outpatient => "outpatient annual cap",
        _ => "shared annual cap",
    };

    private static string M(decimal value) => value.ToString("N2", Invariant);

    private static string P(decimal ratio) => (ratio * 100m).ToString("0.##", Invariant) + "%";
}
