using MedicalAssistance.Policy.Identities;
using static MedicalAssistance.Functions.Departments.DepartmentIdentityMap;

namespace MedicalAssistance.Functions.Departments;

/// <summary>Demo departments, at least one per profile, with the default identity types of their kind.</summary>
public static class DemoDepartments
{
    public static IReadOnlyList<Department> All { get; } =
    [
        Create("meizhou-civil", "梅州市民政局", IdentityTypes.Meizhou, CivilAffairs),
        Create("meizhou-rural", "梅州市农业农村局", IdentityTypes.Meizhou, RuralAffairs),
        Create("jieyang-civil", "揭阳市民政局", IdentityTypes.Jieyang, CivilAffairs),
        Create("jieyang-rural", "揭阳市乡村振兴局", IdentityTypes.Jieyang, RuralRevitalisation),
        Create("innermongolia-civil", "呼伦贝尔市民政局", IdentityTypes.InnerMongolia, CivilAffairs),
        Create("innermongolia-rural", "呼伦贝尔市农牧局", IdentityTypes.InnerMongolia, RuralAffairs),
        Create("baoshan-civil", "保山市民政局", IdentityTypes.Baoshan, CivilAffairs),
        Create("baoshan-rural", "保山市乡村振兴局", IdentityTypes.Baoshan, RuralRevitalisation),
        Create("baoshan-union", "保山市总工会", IdentityTypes.Baoshan, Union),
        Create("baoshan-disabled", "保山市残疾人联合会", IdentityTypes.Baoshan, DisabledPersons),
        Create("tumxuk-civil", "第三师图木舒克市民政局", IdentityTypes.Tumxuk, CivilAffairs),
        Create("tumxuk-rural", "第三师图木舒克市农业农村局", IdentityTypes.Tumxuk, RuralAffairs),
        Create("tumxuk-union", "第三师图木舒克市总工会", IdentityTypes.Tumxuk, Union),
    ];

    public static Department Create(string code, string name, string profile, string kind) =>
        new(code, name, profile, kind, DefaultTypes(kind, profile));

    public static async Task SeedAsync(DepartmentStore store, CancellationToken cancellationToken)
    {
        foreach (var department in All)
        {
            await store.UpsertAsync(department, cancellationToken);
        }
    }
}
