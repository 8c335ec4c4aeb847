using MedicalAssistance.Functions.Hosting;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Health;

public sealed class StorageLayoutTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task EnsureCreated_is_idempotent_and_creates_every_container_and_table()
    {
        var storage = new StorageAccount(azurite.ConnectionString);
        var ct = TestContext.Current.CancellationToken;

        await StorageLayout.EnsureCreatedAsync(storage, ct);
        await StorageLayout.EnsureCreatedAsync(storage, ct);

        foreach (var container in StorageLayout.Containers.ToArray()) // other tests may register containers meanwhile
        {
            Assert.True(await storage.Container(container).ExistsAsync(ct), container);
        }

        var tables = new List<string>();
        await foreach (var table in storage.Tables.QueryAsync(cancellationToken: ct))
        {
            tables.Add(table.Name);
        }

        Assert.Superset(StorageLayout.Tables.ToHashSet(), tables.ToHashSet());
    }
}
