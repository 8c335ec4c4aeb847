namespace MedicalAssistance.Policy.Identities;

/// <summary>One identity type of the glossary (policy-rules.md §8).</summary>
/// <param name="Code">Case-sensitive code, e.g. <c>DIBAO</c>.</param>
/// <param name="Rank">Glossary rank: the order that breaks ties between equal classes (G-4). 1 is first.</param>
/// <param name="ChineseNames">The names departments write in a roster's 人员类别 column; the first is the display name.</param>
/// <param name="Profiles">The profiles that know this type (cover it for settlement or for enrolment subsidy only).</param>
public sealed record IdentityType(string Code, int Rank, IReadOnlyList<string> ChineseNames, IReadOnlySet<string> Profiles)
{
    public string DisplayName => ChineseNames[0];
}

/// <summary>
/// The glossary of identity types (policy-rules.md §8), shared by the policy engine and roster intake.
/// Any other code is unknown (<c>UNKNOWN_IDENTITY_TYPE</c>).
/// </summary>
public static class IdentityTypes
{
    public const string Meizhou = "meizhou-2025";
    public const string Jieyang = "jieyang-2019";
    public const string InnerMongolia = "inner-mongolia-2024";
    public const string Baoshan = "baoshan-2023";
    public const string Tumxuk = "tumxuk-2025";

    public static readonly IReadOnlyList<string> ProfileIds = [Meizhou, Jieyang, InnerMongolia, Baoshan, Tumxuk];

    /// <summary>Meizhou's derived "两病" children category: a parameter key and result category, never a person's identity.</summary>
    public const string TwoDiseaseChild = "TWO_DISEASE_CHILD";

    /// <summary>Chinese name of <see cref="TwoDiseaseChild"/>.</summary>
    public const string TwoDiseaseChildChineseName = "“两病”儿童";

    /// <summary>Highest glossary rank; ranks run 1..MaxRank without gaps, so arrays can be indexed by rank.</summary>
    public const int MaxRank = 18;

    public static readonly IReadOnlyList<IdentityType> All =
    [
        new("TEKUN", 1, ["特困人员", "特困供养人员", "农村五保", "城镇三无"], Set(Meizhou, Jieyang, InnerMongolia, Baoshan, Tumxuk)),
        new("ORPHAN", 2, ["孤儿"], Set(Meizhou, Jieyang, Baoshan, Tumxuk)),
        new("DE_FACTO_ORPHAN", 3, ["事实无人抚养儿童"], Set(Meizhou, Baoshan, Tumxuk)),
        new("DIBAO", 4, ["最低生活保障对象", "低保对象", "最低生活保障家庭成员", "低保"], Set(Meizhou, Jieyang, InnerMongolia, Baoshan, Tumxuk)),
        new("RETURNED_POVERTY", 5, ["返贫致贫人口"], Set(Baoshan, Tumxuk)),
        new("REGISTERED_POOR", 6, ["建档立卡贫困人员", "脱贫人口"], Set(Jieyang)),
        new("LOW_INCOME", 7, ["低收入救助对象"], Set(Jieyang)),
        new("DIBAO_MARGINAL", 8, ["低保边缘家庭成员", "低保边缘"], Set(Meizhou, InnerMongolia, Baoshan, Tumxuk)),
        new("MONITORED_RURAL", 9, ["纳入监测范围的农村易返贫致贫人口", "纳入监测范围的农村（牧区）易返贫致贫人口", "监测对象", "易返贫致贫人口"], Set(Meizhou, InnerMongolia, Baoshan, Tumxuk)),
        new("DEEP_HARDSHIP_WORKER", 10, ["深度困难职工"], Set(Baoshan, Tumxuk)),
        new("ILLNESS_POVERTY", 11, ["因病致贫重病患者", "支出型困难家庭", "刚性支出困难家庭成员"], Set(Meizhou, InnerMongolia, Baoshan, Tumxuk)),
        new("RELATIVE_HARDSHIP_WORKER", 12, ["相对困难职工"], Set(Baoshan, Tumxuk)),
        new("HARDSHIP_WORKER", 13, ["困难职工"], Set(Tumxuk)),
        new("PSYCHIATRIC_L3", 14, ["精神病患者（3级及以上）", "精神病患者"], Set(Tumxuk)),
        new("OTHER_SPECIAL", 15, ["其他特殊困难人员"], Set(Jieyang, InnerMongolia, Baoshan)),
        new("SEVERE_DISABLED", 16, ["丧失劳动能力的一二级重度残疾人", "重度残疾人"], Set(Baoshan)),
        new("LOW_INCOME_ELDERLY_MINOR", 17, ["低收入家庭中60周岁以上贫困老年人和未成年人"], Set(Baoshan)),
        new("BORDER_VILLAGER", 18, ["边境一线行政村农村居民"], Set(Baoshan)),
    ];

    private static readonly Dictionary<string, IdentityType> ByCode = All.ToDictionary(t => t.Code, StringComparer.Ordinal);
    private static readonly Dictionary<string, IdentityType> ByChineseName =
        All.SelectMany(t => t.ChineseNames.Select(n => (n, t))).ToDictionary(p => p.n, p => p.t, StringComparer.Ordinal);

    public static IdentityType? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>The Chinese display name of a code, for what people read (reports, the portal); the code itself when unknown.</summary>
    public static string DisplayNameOf(string code) => Find(code)?.DisplayName ?? code;

    /// <summary>The type of a glossary rank (1..<see cref="MaxRank"/>).</summary>
    public static IdentityType ByRank(int rank) => All[rank - 1];

    /// <summary>Finds a type by its code or by one of its Chinese names (as a roster column may hold either).</summary>
    public static IdentityType? FindByCodeOrChineseName(string text)
    {
        var trimmed = text.Trim();
        return ByCode.GetValueOrDefault(trimmed) ?? ByChineseName.GetValueOrDefault(trimmed);
    }

    public static bool IsKnownTo(string code, string profile) => ByCode.TryGetValue(code, out var t) && t.Profiles.Contains(profile);

    private static HashSet<string> Set(params string[] profiles) => new(profiles, StringComparer.Ordinal);
}
