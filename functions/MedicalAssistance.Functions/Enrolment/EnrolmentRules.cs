using System.Globalization;
using MedicalAssistance.Functions.Calendar;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Enrolment;

/// <summary>What the enrolment decision needs to know about a person when a new identity is added.</summary>
/// <param name="HeldTypes">Every identity type the person holds now, the new one included: the highest tier wins (Baoshan Art. 8).</param>
/// <param name="ReceivedOn">Date (Asia/Shanghai) the department's push arrived: the "current year" and the start of deadlines.</param>
/// <param name="RegisteredOn">Date the ledger registers the enrolment.</param>
public sealed record EnrolmentContext(
    string Profile,
    IReadOnlyCollection<string> HeldTypes,
    InsuranceStatus? Insurance,
    DateOnly BirthDate,
    DateOnly ReceivedOn,
    DateOnly RegisteredOn,
    string BatchId,
    int Row);

/// <summary>
/// Subsidised enrolment (资助参保) per profile: which year, which level, which amount (policy-rules.md 2.x "Enrollment subsidy").
/// Pure: the parameters and the calendar come in, a record comes out.
/// </summary>
public static class EnrolmentRules
{
    /// <summary>Meizhou Art. 6: the county centre registers the person within 2 working days of the push.</summary>
    public const int MeizhouRegistrationWorkingDays = 2;

    private static readonly HashSet<string> MeizhouEligible = ["TEKUN", "ORPHAN", "DE_FACTO_ORPHAN", "DIBAO", "DIBAO_MARGINAL", "MONITORED_RURAL"];
    private static readonly HashSet<string> InnerMongoliaEligible = ["TEKUN", "DIBAO", "DIBAO_MARGINAL", "MONITORED_RURAL", "ILLNESS_POVERTY", "OTHER_SPECIAL"];
    private static readonly HashSet<string> JieyangFull = ["DIBAO", "TEKUN", "ORPHAN", "LOW_INCOME", "REGISTERED_POOR"];
    private static readonly HashSet<string> ClassOne = ["TEKUN", "ORPHAN", "DE_FACTO_ORPHAN"];
    private static readonly HashSet<string> BaoshanFixed = ["DIBAO", "RETURNED_POVERTY", "SEVERE_DISABLED", "LOW_INCOME_ELDERLY_MINOR", "BORDER_VILLAGER"];
    private static readonly HashSet<string> TumxukEightyPercent = ["DIBAO", "RETURNED_POVERTY"];

    public static EnrolmentRecord Decide(EnrolmentContext context, Func<int, EnrolmentParameters> parametersOfYear, WorkingDayCalendar calendar)
    {
        var currentYear = context.ReceivedOn.Year;
        var (deadline, deadlineNote) = Deadline(context, calendar);
        var late = deadline is { } d && context.RegisteredOn > d;
        var lateNote = late ? $"资助参保登记逾期：应于{Format(deadline!.Value)}前完成（收到推送后{MeizhouRegistrationWorkingDays}个工作日内，梅州第6条）" : null;

        EnrolmentRecord Record(int year, string situation, SubsidyLevel level, EnrolmentStatus status, decimal? amount, string type, string note) =>
            new(year, context.Profile, type, situation, level, status, amount, context.ReceivedOn, context.RegisteredOn, deadline, late,
                context.BatchId, context.Row, Join(note, lateNote, deadlineNote));

        var firstType = context.HeldTypes.FirstOrDefault() ?? "";
        switch (context.Insurance)
        {
            case null:
                return Record(currentYear, "INSURANCE_UNKNOWN", SubsidyLevel.None, EnrolmentStatus.AwaitingInsuranceStatus, null, firstType,
                    "名单未注明参保类型，无法确定资助参保情形，待核实参保状态");
            case InsuranceStatus.Employee:
                return Record(currentYear, "EMPLOYEE", SubsidyLevel.None, EnrolmentStatus.NotSubsidised, null, firstType,
                    "已参加职工基本医疗保险，不予资助参加居民医保（梅州第6条第4项）");
        }

        var uninsured = context.Insurance == InsuranceStatus.None;
        var year = uninsured ? currentYear : currentYear + 1;
        var situation = uninsured ? "UNINSURED" : "RESIDENT_ALREADY";
        var situationNote = uninsured
            ? $"未参保，登记参加{year}年度居民医保"
            : $"已参加本年度居民医保，从{year}年度起资助参保（已缴费用不退不补）"
              + (context.Profile == IdentityTypes.Meizhou ? "；如在梅州市外参保，须经本人同意（第6条第2项）" : "");

        var parameters = parametersOfYear(year);
        var best = context.HeldTypes
            .Select(type => Candidate(context, type, year, parameters))
            .OrderByDescending(c => c.Rank)
            .ThenByDescending(c => c.Amount ?? -1m)
            .First();
        if (best.Level == SubsidyLevel.None)
        {
            return Record(year, situation, SubsidyLevel.None, EnrolmentStatus.NotSubsidised, null, best.Type,
                Join("所持身份不在资助参保范围或不享受资助", best.Reason));
        }

        return best.Missing is null
            ? Record(year, situation, best.Level, EnrolmentStatus.Subsidised, best.Amount, best.Type,
                Join(situationNote, $"资助金额{best.Amount!.Value.ToString("0.00", CultureInfo.InvariantCulture)}元"))
            : Record(year, situation, best.Level, EnrolmentStatus.AwaitingParameter, null, best.Type,
                Join(situationNote, $"缺少运营参数（{best.Missing}），资助金额待参数补录后核定"));
    }

    /// <summary>
    /// The identity types of <paramref name="profile"/> a person holds for an enrolment decided on a push received on
    /// <paramref name="receivedOn"/>: periods still open then (or ending later), plus any <paramref name="alsoHeld"/> (the
    /// period the push itself adds, even if already ended), highest tier first.
    /// </summary>
    public static List<string> HeldTypes(IEnumerable<IdentityPeriod> identities, string profile, DateOnly receivedOn, Func<IdentityPeriod, bool>? alsoHeld = null) =>
        identities
            .Where(p => p.End is null || p.End >= receivedOn || alsoHeld?.Invoke(p) == true)
            .Select(p => p.Type)
            .Where(t => IdentityTypes.IsKnownTo(t, profile))
            .Distinct()
            .OrderBy(t => IdentityTypes.Find(t)?.Rank ?? int.MaxValue)
            .ToList();

    /// <summary>
    /// Decides again an enrolment that waited for an operator parameter, now that the year's parameters are set: the same
    /// push (received on, registered on, batch and row, so the same deadline and lateness), the same situation, the person's
    /// identities held then. Still <see cref="EnrolmentStatus.AwaitingParameter"/> if a parameter it needs is still missing.
    /// </summary>
    public static EnrolmentRecord Complete(EnrolmentRecord awaiting, IReadOnlyCollection<string> heldTypes, DateOnly birthDate, EnrolmentParameters parameters, WorkingDayCalendar calendar)
    {
        if (awaiting.Status != EnrolmentStatus.AwaitingParameter)
        {
            return awaiting;
        }

        // The situation fixed the year: an uninsured person was enrolled for the year of the push, one insured as a resident
        // for the next (see Decide).
        var insurance = awaiting.Situation == "UNINSURED" ? InsuranceStatus.None : InsuranceStatus.Resident;
        var context = new EnrolmentContext(awaiting.Profile, heldTypes.Count == 0 ? [awaiting.IdentityType] : heldTypes, insurance, birthDate,
            awaiting.ReceivedOn, awaiting.RegisteredOn, awaiting.BatchId, awaiting.Row);
        var decided = Decide(context, year => year == awaiting.Year ? parameters : EnrolmentParameters.Missing, calendar);
        return decided.Year == awaiting.Year ? decided : awaiting;
    }

    private sealed record Option(string Type, SubsidyLevel Level, decimal? Amount, string? Missing, string? Reason)
    {
        public int Rank => Level switch { SubsidyLevel.Full => 3, SubsidyLevel.None => 0, _ => 2 };
    }

    private static Option Candidate(EnrolmentContext context, string type, int year, EnrolmentParameters p)
    {
        var contributionName = $"{context.Profile} {year}年度个人缴费标准 IndividualContribution";
        Option Full() => p.IndividualContribution is { } c ? new(type, SubsidyLevel.Full, Round(c), null, null) : new(type, SubsidyLevel.Full, null, contributionName, null);
        Option Share(SubsidyLevel level, decimal? share, string shareName) =>
            p.IndividualContribution is not { } c ? new(type, level, null, contributionName, null)
            : share is not { } s ? new(type, level, null, shareName, null)
            : new(type, level, Round(c * s), null, null);
        Option Ratio() => Share(SubsidyLevel.OperatorRatio, p.SubsidyRatios?.GetValueOrDefault(type) is { } r ? r : null,
            $"{context.Profile} {year}年度{type}资助比例 SubsidyRatios.{type}");
        Option None(string reason) => new(type, SubsidyLevel.None, null, null, reason);

        switch (context.Profile)
        {
            case IdentityTypes.Meizhou:
                return MeizhouEligible.Contains(type) ? Ratio() : None($"{type}不在梅州第6条资助参保范围");
            case IdentityTypes.InnerMongolia:
                return InnerMongoliaEligible.Contains(type) ? Ratio() : None($"{type}不在内蒙古资助参保范围");
            case IdentityTypes.Jieyang:
                return JieyangFull.Contains(type) ? Full() : type == "OTHER_SPECIAL" ? Ratio() : None($"{type}不在揭阳资助参保范围");
            case IdentityTypes.Baoshan:
                if (ClassOne.Contains(type))
                {
                    return Full();
                }

                if (BaoshanFixed.Contains(type))
                {
                    return p.FixedSubsidyAmount is not { } amount ? new(type, SubsidyLevel.Fixed, null, $"{context.Profile} {year}年度定额资助标准 FixedSubsidyAmount", null)
                        // A subsidy larger than the contribution itself would pay the person: cap it at the contribution when known.
                        : new(type, SubsidyLevel.Fixed, Round(p.IndividualContribution is { } c ? Math.Min(amount, c) : amount), null, null);
                }

                return None("保山第三、四类救助对象不享受资助参保（第8条）");
            case IdentityTypes.Tumxuk:
                if (ClassOne.Contains(type))
                {
                    return Full();
                }

                if (TumxukEightyPercent.Contains(type))
                {
                    return Share(SubsidyLevel.Percent80, 0.8m, "");
                }

                if (type == "DIBAO_MARGINAL")
                {
                    var age = AgeOn(context.BirthDate, Max(context.ReceivedOn, new DateOnly(year, 1, 1)));
                    return age is < 18 or >= 60 ? Share(SubsidyLevel.Percent80, 0.8m, "") : None("低保边缘家庭成员18至59周岁不享受资助（第12条）");
                }

                if (type == "MONITORED_RURAL")
                {
                    return p.MonitoredRuralInTransition switch
                    {
                        true => Share(SubsidyLevel.Percent80, 0.8m, ""),
                        false => None("监测对象不在五年过渡期内，不享受资助（第12条）"),
                        null => new(type, SubsidyLevel.Percent80, null, $"{context.Profile} {year}年度五年过渡期状态 MonitoredRuralInTransition", null),
                    };
                }

                return None($"{type}不享受资助参保（第12条）");
            default:
                return None($"未知的地区配置{context.Profile}");
        }
    }

    private static (DateOnly? Deadline, string? Note) Deadline(EnrolmentContext context, WorkingDayCalendar calendar)
    {
        if (context.Profile != IdentityTypes.Meizhou)
        {
            return (null, null);
        }

        try
        {
            return (calendar.AddWorkingDays(context.ReceivedOn, MeizhouRegistrationWorkingDays), null);
        }
        catch (ArgumentOutOfRangeException)
        {
            return (null, $"工作日历未包含{context.ReceivedOn.Year}年，无法计算登记期限");
        }
    }

    internal static int AgeOn(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year;
        return on < birth.AddYears(age) ? age - 1 : age;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    internal static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    internal static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Join(params string?[] parts) => string.Join("；", parts.Where(p => !string.IsNullOrEmpty(p)));
}
