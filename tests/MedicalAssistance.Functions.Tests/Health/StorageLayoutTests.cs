using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Configuration;

namespace MedicalAssistance.Functions.Tests.Health;

public sealed class StorageLayoutTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task EnsureCreated_is_idempotent_and_creates_every_container_and_table()
    {
        var storage = new StorageAccount(azurite.ConnectionString);
        var ct = TestContext.Current.CancellationToken;
        var layout = FunctionsApp.StorageLayout();

        await layout.EnsureCreatedAsync(storage, ct);
        await layout.EnsureCreatedAsync(storage, ct);

        foreach (var container in layout.Containers)
        {
            Assert.True(await storage.Container(container).ExistsAsync(ct), container);
        }

        foreach (var queue in layout.Queues)
        {
            Assert.True(await storage.Queue(queue).ExistsAsync(ct), queue);
            Assert.True(await storage.Queue(queue + StorageLayout.PoisonSuffix).ExistsAsync(ct), queue + StorageLayout.PoisonSuffix);
        }

        var tables = new List<string>();
        await foreach (var table in storage.Tables.QueryAsync(cancellationToken: ct))
        {
            tables.Add(table.Name);
        }

        Assert.Subset(tables.ToHashSet(), layout.Tables.ToHashSet());
    }

    [Fact]
    public void Every_feature_declares_its_storage_through_its_options_and_configuration_renames_it()
    {
        var defaults = FunctionsApp.StorageLayout();
        Assert.Superset(new HashSet<string> { "hostkeys", "queuefailures", "blobreceipts", "persons", "exemptionledger", "policyparameters", "departments", "rosterbatches", "rosterrowerrors" }, defaults.Tables.ToHashSet());
        Assert.Superset(new HashSet<string> { "locks", "timers", "rosters", "roster-reports" }, defaults.Containers.ToHashSet());
        Assert.Superset(new HashSet<string> { "runs", "roster-files", "enrolment-parameters" }, defaults.Queues.ToHashSet());

        var renamed = FunctionsApp.StorageLayout(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Persons:Table"] = "persons2",
            ["Rosters:Queue"] = "roster-files2",
            ["Enrolment:ParametersQueue"] = "params2",
        }).Build());
        Assert.Contains("persons2", renamed.Tables);
        Assert.DoesNotContain("persons", renamed.Tables);
        Assert.Contains("roster-files2", renamed.Queues);
        Assert.Contains("params2", renamed.Queues);
        Assert.DoesNotContain("roster-files", renamed.Queues);
    }
}
