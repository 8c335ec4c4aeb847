using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Policy.Profiles;

namespace MedicalAssistance.Policy.Tests.Profiles;

/// <summary>The embedded profiles against policy-rules.md §7.2 (identity → class) and §8 (which profiles cover a type).</summary>
public sealed class PolicyProfilesTests
{
    // policy-rules.md §7.2, column by column: "own" = 0 for identity profiles, "–" = not covered (absent).
    public static TheoryData<string, string, int> Coverage() => new()
    {
        { "meizhou-2025", "TEKUN", 0 }, { "meizhou-2025", "ORPHAN", 0 }, { "meizhou-2025", "DE_FACTO_ORPHAN", 0 }, { "meizhou-2025", "DIBAO", 0 },
        { "meizhou-2025", "DIBAO_MARGINAL", 0 }, { "meizhou-2025", "MONITORED_RURAL", 0 }, { "meizhou-2025", "ILLNESS_POVERTY", 0 },
        { "jieyang-2019", "TEKUN", 1 }, { "jieyang-2019", "ORPHAN", 1 }, { "jieyang-2019", "DIBAO", 2 }, { "jieyang-2019", "REGISTERED_POOR", 3 },
        { "jieyang-2019", "LOW_INCOME", 4 }, { "jieyang-2019", "OTHER_SPECIAL", 4 },
        { "inner-mongolia-2024", "TEKUN", 0 }, { "inner-mongolia-2024", "DIBAO", 0 }, { "inner-mongolia-2024", "DIBAO_MARGINAL", 0 },
        { "inner-mongolia-2024", "MONITORED_RURAL", 0 }, { "inner-mongolia-2024", "ILLNESS_POVERTY", 0 }, { "inner-mongolia-2024", "OTHER_SPECIAL", 0 },
        { "baoshan-2023", "TEKUN", 1 }, { "baoshan-2023", "ORPHAN", 1 }, { "baoshan-2023", "DE_FACTO_ORPHAN", 1 }, { "baoshan-2023", "DIBAO", 2 },
        { "baoshan-2023", "RETURNED_POVERTY", 2 }, { "baoshan-2023", "DIBAO_MARGINAL", 3 }, { "baoshan-2023", "MONITORED_RURAL", 3 },
        { "baoshan-2023", "DEEP_HARDSHIP_WORKER", 3 }, { "baoshan-2023", "ILLNESS_POVERTY", 4 }, { "baoshan-2023", "RELATIVE_HARDSHIP_WORKER", 4 },
        { "baoshan-2023", "OTHER_SPECIAL", 4 },
        { "tumxuk-2025", "TEKUN", 1 }, { "tumxuk-2025", "ORPHAN", 1 }, { "tumxuk-2025", "DE_FACTO_ORPHAN", 1 }, { "tumxuk-2025", "DIBAO", 2 },
        { "tumxuk-2025", "RETURNED_POVERTY", 2 }, { "tumxuk-2025", "DIBAO_MARGINAL", 3 }, { "tumxuk-2025", "MONITORED_RURAL", 3 },
        { "tumxuk-2025", "DEEP_HARDSHIP_WORKER", 5 }, { "tumxuk-2025", "ILLNESS_POVERTY", 4 }, { "tumxuk-2025", "RELATIVE_HARDSHIP_WORKER", 5 },
        { "tumxuk-2025", "HARDSHIP_WORKER", 5 }, { "tumxuk-2025", "PSYCHIATRIC_L3", 5 },
    };

    [Theory]
    [MemberData(nameof(Coverage))]
    public void Maps_each_covered_identity_to_its_class(string profileId, string code, int expectedClass)
    {
        var profile = PolicyProfiles.Get(profileId);
        var type = IdentityTypes.Find(code)!;

        var slot = profile.SlotOf(type.Rank);

        Assert.Equal(expectedClass == 0 ? type.Rank : expectedClass, slot);
        Assert.Contains(profileId, type.Profiles);
    }

    [Fact]
    public void Covers_nothing_else()
    {
        var expected = Coverage().Select(row => ((string)row.Data.Item1, (string)row.Data.Item2)).ToHashSet();

        var actual = PolicyProfiles.All.SelectMany(p => p.CoveredTypes.Select(t => (p.Id, t.Code))).ToHashSet();

        Assert.Equal(expected.Order(), actual.Order());
    }

    [Fact]
    public void All_five_profiles_load_with_their_source()
    {
        Assert.Equal(IdentityTypes.ProfileIds.Order(), PolicyProfiles.All.Select(p => p.Id).Order());
        Assert.All(PolicyProfiles.All, p => Assert.False(string.IsNullOrWhiteSpace(p.Source.Number)));
        Assert.Equal(new DateOnly(2025, 7, 1), PolicyProfiles.Get("tumxuk-2025").Source.InForceFrom);
        Assert.Equal("draft", PolicyProfiles.Get("meizhou-2025").Source.Status);
    }

    [Fact]
    public void Only_the_documents_values_are_built_in()
    {
        // Meizhou and Inner Mongolia give no benefit values: they must come from the operator (§3.1), never from the profile.
        Assert.True(PolicyProfiles.Get("meizhou-2025").OperatorBenefits);
        Assert.True(PolicyProfiles.Get("inner-mongolia-2024").OperatorBenefits);
        Assert.Empty(PolicyProfiles.Get("meizhou-2025").Document.Classes);
        Assert.Empty(PolicyProfiles.Get("inner-mongolia-2024").Document.Classes);
        // Baoshan's deductibles of classes 3-4 and its caps come from parameters.
        var baoshan = PolicyProfiles.Get("baoshan-2023").Document.Classes;
        Assert.All(baoshan.Where(c => c.Class >= 3), c => Assert.Null(c.Deductible));
        Assert.All(baoshan, c => Assert.Null(c.Inpatient!.Cap));
    }
}
