using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Departments;

/// <summary>
/// The identity types each kind of department determines, intersected with what a profile knows (policy-rules.md §2, §8).
/// A department record may override it; this is the default for new departments and the demo data.
/// </summary>
public static class DepartmentIdentityMap
{
    public const string CivilAffairs = "civil-affairs";
    public const string RuralAffairs = "rural-affairs";
    public const string RuralRevitalisation = "rural-revitalisation";
    public const string Union = "union";
    public const string DisabledPersons = "disabled-persons";
    public const string MedicalSecurity = "medical-security";

    private static readonly Dictionary<string, string[]> ByKind = new(StringComparer.Ordinal)
    {
        [CivilAffairs] = ["TEKUN", "ORPHAN", "DE_FACTO_ORPHAN", "DIBAO", "DIBAO_MARGINAL", "ILLNESS_POVERTY", "LOW_INCOME", "OTHER_SPECIAL", "LOW_INCOME_ELDERLY_MINOR"],
        [RuralAffairs] = ["MONITORED_RURAL", "RETURNED_POVERTY", "REGISTERED_POOR"],
        [RuralRevitalisation] = ["MONITORED_RURAL", "RETURNED_POVERTY", "REGISTERED_POOR", "BORDER_VILLAGER"],
        [Union] = ["HARDSHIP_WORKER", "DEEP_HARDSHIP_WORKER", "RELATIVE_HARDSHIP_WORKER"],
        [DisabledPersons] = ["SEVERE_DISABLED", "PSYCHIATRIC_L3"],
        [MedicalSecurity] = [],
    };

    public static IReadOnlyCollection<string> Kinds => ByKind.Keys;

    public static IReadOnlySet<string> DefaultTypes(string kind, string profile) =>
        ByKind.TryGetValue(kind, out var types)
            ? types.Where(t => IdentityTypes.IsKnownTo(t, profile)).ToHashSet(StringComparer.Ordinal)
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown department kind; known: {string.Join(", ", ByKind.Keys)}.");
}
