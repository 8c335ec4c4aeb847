using System.Collections.Frozen;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Policy.Profiles;

/// <summary>How a profile groups identity types into the categories that carry benefit values.</summary>
public enum CategoryScheme
{
    /// <summary>Numbered classes fixed by the document (Jieyang, Baoshan, Tumxuk): the lowest class number wins.</summary>
    Classes,

    /// <summary>Each covered identity is its own category with operator values (Meizhou, Inner Mongolia): the larger amount wins (G-4).</summary>
    Identities,
}

/// <summary>First day of an identity's benefit window (scenario-format.md §4.4).</summary>
public enum WindowStartRule { Start, FirstOfNextMonthAfterDetermination }

/// <summary>Last day of an identity's benefit window.</summary>
public enum WindowEndRule { End, MonthEnd }

/// <summary>Which identities qualify for a hospital stay [A, D].</summary>
public enum StayRule
{
    /// <summary>Any overlap between the window and the stay (Meizhou Art. 11, Jieyang JY-2).</summary>
    Overlap,

    /// <summary>The discharge date decides (Baoshan BS-1, Tumxuk TX-5).</summary>
    DischargeInside,

    /// <summary>Inner Mongolia Art. 15: the window must run on D and the identity must not end in [A, D) (IM-2).</summary>
    EndedDuringStayNotPaid,
}

/// <summary>The cap a claim's main assistance is compared with.</summary>
public enum CapPool : byte { Outpatient, Inpatient, Shared }

/// <summary>Whether a kind of care is in a category's scope (gate 4).</summary>
public enum KindCoverage : byte { NotCovered, Covered, EmergencyOnly }

/// <summary>
/// A regional profile compiled from its embedded JSON: everything the engine needs, indexed by glossary rank or slot so
/// that settling a claim does no string lookups. Operator values are not here: see <see cref="Settlement.SettlementTerms"/>.
/// </summary>
public sealed class PolicyProfile
{
    /// <summary>Category slots: class numbers 1..5 for classed profiles; glossary rank 1..18 for identity profiles.</summary>
    public const int SlotCount = IdentityTypes.MaxRank + 2;

    /// <summary>Slot of Meizhou's derived TWO_DISEASE_CHILD category (ranked after every identity, G-4).</summary>
    public const int TwoDiseaseChildSlot = IdentityTypes.MaxRank + 1;

    private readonly byte[] slotOfRank = new byte[IdentityTypes.MaxRank + 1];
    private readonly bool[] retroOfRank = new bool[IdentityTypes.MaxRank + 1];

    internal PolicyProfile(ProfileDocument document)
    {
        Document = document;
        Id = document.Id;
        Index = IdentityTypes.ProfileIds.ToList().IndexOf(Id);
        if (Index < 0)
        {
            throw Invalid($"id '{Id}'");
        }
        Name = document.Name;
        Source = document.Source;
        Scheme = document.Categories switch
        {
            "classes" => CategoryScheme.Classes,
            "identities" => CategoryScheme.Identities,
            var other => throw Invalid($"categories '{other}'"),
        };
        foreach (var (code, slot) in document.Coverage)
        {
            var type = IdentityTypes.Find(code) ?? throw Invalid($"coverage code '{code}'");
            slotOfRank[type.Rank] = checked((byte)(Scheme == CategoryScheme.Classes ? slot : type.Rank));
        }

        foreach (var code in document.BenefitWindow.RetroTypes)
        {
            retroOfRank[(IdentityTypes.Find(code) ?? throw Invalid($"retro code '{code}'")).Rank] = true;
        }

        WindowStart = document.BenefitWindow.Start switch
        {
            "start" => WindowStartRule.Start,
            "first-of-next-month-after-determination" => WindowStartRule.FirstOfNextMonthAfterDetermination,
            var other => throw Invalid($"benefitWindow.start '{other}'"),
        };
        WindowEnd = document.BenefitWindow.End switch
        {
            "end" => WindowEndRule.End,
            "month-end" => WindowEndRule.MonthEnd,
            var other => throw Invalid($"benefitWindow.end '{other}'"),
        };
        Stay = document.StayRule switch
        {
            "overlap" => StayRule.Overlap,
            "discharge-inside" => StayRule.DischargeInside,
            "ended-during-stay-not-paid" => StayRule.EndedDuringStayNotPaid,
            var other => throw Invalid($"stayRule '{other}'"),
        };
        RetroChargedToDeterminationYear = document.BenefitWindow.RetroChargedToDeterminationYear;
        ResidentInsuranceOnly = document.Gates.ResidentInsuranceOnly;
        ExclusionList = document.Gates.ExclusionList;
        ReferralRequired = document.Gates.ReferralRequired;
        TiltedRequiresReferral = document.TiltedConditions?.Referral ?? false;
        TiltedRequiresInProvince = document.TiltedConditions?.InProvince ?? false;
        SecondaryTierFloors = [.. document.SecondaryTiers.OrderByDescending(t => t.From).Select(t => t.From)];
        SecondaryTierAmounts = [.. document.SecondaryTiers.OrderByDescending(t => t.From).Select(t => t.Amount)];
        RequiredParameters = document.RequiredParameters;
        OperatorBenefits = document.OperatorBenefits;
        UninsuredNeedNotionalInsurancePayment = document.UninsuredNeedNotionalInsurancePayment;
        TwoDiseaseChild = document.TwoDiseaseChild is { } two
            ? new TwoDiseaseChildRule(two.MaxAge, two.Diagnoses.ToFrozenSet(StringComparer.Ordinal), two.RequiresInCity, two.RequiresInsured)
            : null;
        if (OperatorBenefits != (Scheme == CategoryScheme.Identities))
        {
            throw Invalid("operatorBenefits must go with categories 'identities'");
        }
    }

    internal ProfileDocument Document { get; }

    public string Id { get; }

    /// <summary>Position in <see cref="IdentityTypes.ProfileIds"/>, for per-profile arrays.</summary>
    public int Index { get; }
    public LocalizedText Name { get; }

    /// <summary>Document number, status (issued or draft) and dates in force; informational (G-9).</summary>
    public ProfileSource Source { get; }
    public CategoryScheme Scheme { get; }
    public WindowStartRule WindowStart { get; }
    public WindowEndRule WindowEnd { get; }
    public StayRule Stay { get; }

    /// <summary>Meizhou MZ-2: claims in an expenditure-type retro window are charged to the determination year.</summary>
    public bool RetroChargedToDeterminationYear { get; }

    /// <summary>Gate 1 (Jieyang JY-5).</summary>
    public bool ResidentInsuranceOnly { get; }

    /// <summary>Gate 3 (Jieyang JY-4).</summary>
    public bool ExclusionList { get; }

    /// <summary>Gate 5 (Baoshan Art. 9).</summary>
    public bool ReferralRequired { get; }

    public bool TiltedRequiresReferral { get; }
    public bool TiltedRequiresInProvince { get; }

    /// <summary>Jieyang secondary tiers, highest floor first; empty when the profile has none.</summary>
    internal decimal[] SecondaryTierFloors { get; }

    internal decimal[] SecondaryTierAmounts { get; }

    public bool HasSecondary => SecondaryTierFloors.Length > 0;

    /// <summary>Money parameters the scenario must supply, in validation order (scenario-format.md §6 step 6).</summary>
    public IReadOnlyList<string> RequiredParameters { get; }

    /// <summary>Benefit values come from <c>parameters.benefits</c> (Meizhou, Inner Mongolia).</summary>
    public bool OperatorBenefits { get; }

    /// <summary>Meizhou MZ-3: every claim of an uninsured person needs <c>notionalInsurancePayment</c>.</summary>
    public bool UninsuredNeedNotionalInsurancePayment { get; }

    /// <summary>Meizhou's two-disease children rule (MZ-4), or null.</summary>
    public TwoDiseaseChildRule? TwoDiseaseChild { get; }

    /// <summary>Category slot of an identity type for this profile; 0 when the profile does not cover it.</summary>
    public int SlotOf(int rank) => slotOfRank[rank];

    public bool Covers(IdentityType type) => slotOfRank[type.Rank] != 0;

    /// <summary>Whether the benefit window of this type starts 12 months before its determination date.</summary>
    public bool IsRetroType(int rank) => retroOfRank[rank];

    /// <summary>Covered identity types in glossary rank order.</summary>
    public IEnumerable<IdentityType> CoveredTypes => IdentityTypes.All.Where(Covers);

    /// <summary>The result's <c>category</c> text for a slot: "class-N", an identity code, or TWO_DISEASE_CHILD.</summary>
    public string CategoryName(int slot) => Scheme == CategoryScheme.Classes
        ? ClassNames[slot]
        : slot == TwoDiseaseChildSlot ? IdentityTypes.TwoDiseaseChild : IdentityTypes.ByRank(slot).Code;

    private static readonly string[] ClassNames = ["", "class-1", "class-2", "class-3", "class-4", "class-5"];

    private InvalidOperationException Invalid(string what) => new($"Profile data {Document?.Id ?? "?"}: invalid {what}.");
}

/// <summary>Meizhou Art. 12(四): insured children 0–14 with leukemia or congenital heart disease, in-city inpatient care.</summary>
public sealed record TwoDiseaseChildRule(int MaxAge, FrozenSet<string> Diagnoses, bool RequiresInCity, bool RequiresInsured);
