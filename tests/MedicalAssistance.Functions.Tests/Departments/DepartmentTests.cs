using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Departments;

public sealed class DepartmentTests(AzuriteFixture azurite)
{
    [Fact]
    public void Default_map_is_intersected_with_what_each_profile_knows()
    {
        Assert.Equal(["DE_FACTO_ORPHAN", "DIBAO", "DIBAO_MARGINAL", "ILLNESS_POVERTY", "ORPHAN", "TEKUN"],
            DepartmentIdentityMap.DefaultTypes(DepartmentIdentityMap.CivilAffairs, IdentityTypes.Meizhou).Order(StringComparer.Ordinal));
        Assert.Equal(["MONITORED_RURAL"], DepartmentIdentityMap.DefaultTypes(DepartmentIdentityMap.RuralAffairs, IdentityTypes.Meizhou));
        Assert.Equal(["DEEP_HARDSHIP_WORKER", "RELATIVE_HARDSHIP_WORKER"],
            DepartmentIdentityMap.DefaultTypes(DepartmentIdentityMap.Union, IdentityTypes.Baoshan).Order(StringComparer.Ordinal));
        Assert.Contains("HARDSHIP_WORKER", DepartmentIdentityMap.DefaultTypes(DepartmentIdentityMap.Union, IdentityTypes.Tumxuk));
        Assert.Throws<ArgumentOutOfRangeException>(() => DepartmentIdentityMap.DefaultTypes("police", IdentityTypes.Tumxuk));
    }

    [Fact]
    public void Every_profile_has_a_demo_department_and_every_allowed_type_is_known_to_its_profile()
    {
        Assert.Equal(IdentityTypes.ProfileIds.Order(StringComparer.Ordinal), DemoDepartments.All.Select(d => d.Profile).Distinct().Order(StringComparer.Ordinal));
        Assert.All(DemoDepartments.All, d => Assert.All(d.AllowedIdentityTypes, t => Assert.True(IdentityTypes.IsKnownTo(t, d.Profile), $"{d.Code}: {t}")));
        Assert.Equal("梅州市民政局", DemoDepartments.All.Single(d => d.Code == "meizhou-civil").Name);
    }

    [Fact]
    public async Task Seeding_twice_leaves_the_same_departments()
    {
        var storage = new StorageAccount(azurite.ConnectionString);
        var ct = TestContext.Current.CancellationToken;
        var table = AzuriteFixture.UniqueName("departments");
        await storage.Tables.CreateTableIfNotExistsAsync(table, ct);
        var store = new DepartmentStore(storage, table);

        await DemoDepartments.SeedAsync(store, ct);
        await DemoDepartments.SeedAsync(store, ct);

        var listed = await store.ListAsync(ct);
        Assert.Equal(DemoDepartments.All.Count, listed.Count);
        var tumxukUnion = await store.GetAsync("tumxuk-union", ct);
        Assert.NotNull(tumxukUnion);
        Assert.Equal((IdentityTypes.Tumxuk, "union"), (tumxukUnion.Profile, tumxukUnion.Kind));
        Assert.Equal(DemoDepartments.All.Single(d => d.Code == "tumxuk-union").AllowedIdentityTypes.Order(StringComparer.Ordinal), tumxukUnion.AllowedIdentityTypes.Order(StringComparer.Ordinal));
        Assert.Null(await store.GetAsync("nowhere", ct));
    }
}
