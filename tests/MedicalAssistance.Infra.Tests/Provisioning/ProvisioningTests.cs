using System.Text.Json;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Infra.Tests.Provisioning;

/// <summary>
/// Every queue, container, table, setting and schedule the function app reads is provisioned by infra/main.bicep. The app
/// side comes from its own registrations (<see cref="AppRegistrations"/>), composed with the settings the Bicep gives it;
/// the Bicep side from the compiled template (<see cref="ProvisionedTemplate"/>).
/// </summary>
public sealed class ProvisioningTests
{
    static ProvisioningTests()
    {
        // The app composed with Azure's settings registers the Azure Monitor exporter: its usage statistics must never leave a test.
        Environment.SetEnvironmentVariable("APPLICATIONINSIGHTS_STATSBEAT_DISABLED", "true");
        Environment.SetEnvironmentVariable("APPLICATIONINSIGHTS_SDKSTATS_DISABLED", "true");
    }

    private static readonly Lazy<Task<(ProvisionedTemplate Template, AppReads App)>> Composed = new(async () =>
    {
        var template = await ProvisionedTemplate.MainAsync();
        return (template, AppRegistrations.Compose(template.AppSettingsAsAzureGivesThem()));
    });

    [Fact]
    public async Task Every_setting_the_app_reads_is_an_app_setting_of_the_function_app()
    {
        var (template, app) = await Composed.Value;
        var settings = template.AppSettings;

        var missing = app.SettingKeys
            .Select(key => key.Replace(":", "__", StringComparison.Ordinal))
            .Where(key => !settings.ContainsKey(key)
                // A section set through its children (AzureWebJobsStorage__…) or per item of a parameter (previous keys).
                && !settings.Keys.Any(s => s.StartsWith(key + "__", StringComparison.OrdinalIgnoreCase))
                && !template.SettingPrefixes.Any(p => (key + "__").StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .ToList();

        Assert.NotEmpty(app.SettingKeys);
        Assert.True(missing.Count == 0, $"The app reads settings the Bicep does not set: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task Every_setting_of_local_settings_is_provisioned_or_replaced_in_azure()
    {
        var (template, _) = await Composed.Value;
        var example = Path.Combine(RepositoryPaths.Root, "functions", "MedicalAssistance.Functions", "local.settings.json.example");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(example, TestContext.Current.CancellationToken));
        var local = json.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToList();

        // In Azure: storage through the identity (AzureWebJobsStorage__accountName, …), the worker runtime from
        // functionAppConfig.runtime (Flex Consumption refuses FUNCTIONS_WORKER_RUNTIME as a setting).
        var replaced = new Dictionary<string, string>
        {
            [StorageClients.Section] = StorageClients.Section + "__accountName",
            ["FUNCTIONS_WORKER_RUNTIME"] = "functionAppConfig.runtime.name",
        };
        Assert.NotEmpty(local);
        Assert.All(local.Where(key => !replaced.ContainsKey(key)), key => Assert.True(template.AppSettings.ContainsKey(key), $"local.settings.json.example sets '{key}', the Bicep does not."));
        Assert.Contains(StorageClients.Section + "__accountName", template.AppSettings.Keys);
        var runtime = Assert.Single(template.ModuleResources("function-app", "Microsoft.Web/sites"))
            .GetProperty("properties").GetProperty("functionAppConfig").GetProperty("runtime").GetProperty("name").GetString();
        Assert.Equal(json.RootElement.GetProperty("Values").GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString(), runtime);
    }

    [Fact]
    public async Task Every_queue_the_app_uses_is_provisioned_with_its_poison_twin()
    {
        var (template, app) = await Composed.Value;

        Assert.NotEmpty(app.Queues);
        Assert.NotEmpty(app.TriggerQueues);
        // Features that move messages aside themselves (rosters) declare the poison twin too; the Bicep makes every twin.
        var provisioned = template.Queues.Concat(template.Queues.Select(q => q + template.PoisonSuffix)).ToHashSet();
        Assert.All(app.Queues.Concat(app.TriggerQueues), queue => Assert.Contains(queue, provisioned));
        Assert.Equal(StorageLayout.PoisonSuffix, template.PoisonSuffix);

        // The storage module makes one queue per name and one twin per name with the suffix, from the lists main.bicep passes.
        Assert.Equal("[variables('queueNames')]", template.ModuleParameter("storage", "queueNames"));
        Assert.Equal("[variables('poisonSuffix')]", template.ModuleParameter("storage", "poisonSuffix"));
        var queues = template.ModuleResources("storage", "Microsoft.Storage/storageAccounts/queueServices/queues");
        Assert.Equal(2, queues.Count);
        Assert.All(queues, q => Assert.Equal("[length(parameters('queueNames'))]", q.GetProperty("copy").GetProperty("count").GetString()));
        Assert.Single(queues, q => q.GetProperty("name").GetString()!.Contains("parameters('poisonSuffix')", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_container_and_table_the_app_uses_is_provisioned()
    {
        var (template, app) = await Composed.Value;

        Assert.NotEmpty(app.Containers);
        Assert.NotEmpty(app.Tables);
        Assert.All(app.Containers, container => Assert.Contains(container, template.Containers));
        Assert.All(app.Tables, table => Assert.Contains(table, template.Tables));
        Assert.Equal("[variables('containerNames')]", template.ModuleParameter("storage", "containerNames"));
        Assert.Equal("[variables('tableNames')]", template.ModuleParameter("storage", "tableNames"));
    }

    [Fact]
    public async Task Every_timer_takes_its_schedule_from_a_provisioned_setting()
    {
        var (template, app) = await Composed.Value;

        Assert.NotEmpty(app.Schedules);
        Assert.All(app.Schedules, timer =>
        {
            Assert.Matches("^%[^%]+%$", timer.Declared);
            var setting = timer.Declared.Trim('%').Replace(":", "__", StringComparison.Ordinal);
            Assert.True(template.AppSettings.TryGetValue(setting, out var value), $"Timer '{timer.Timer}' runs on {timer.Declared}; the Bicep does not set {setting}.");
            Assert.Equal(timer.Schedule, value);
        });
    }

    [Fact]
    public async Task A_trigger_setting_the_bicep_does_not_set_stops_the_composition_naming_it()
    {
        var template = await ProvisionedTemplate.MainAsync();
        var settings = template.AppSettingsAsAzureGivesThem().Where(s => s.Key != "Claims:Queue").ToDictionary();

        var error = Assert.Throws<InvalidOperationException>(() => AppRegistrations.Compose(settings));

        Assert.Contains("Claims:Queue", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_grid_delivers_roster_files_to_the_queue_and_from_the_container_the_app_uses()
    {
        var (template, app) = await Composed.Value;

        Assert.Equal("[variables('rosterQueueName')]", template.ModuleParameter("roster-arrivals", "queueName"));
        Assert.Equal("[variables('rosterContainerName')]", template.ModuleParameter("roster-arrivals", "containerName"));
        Assert.Equal(app.Values["Rosters:Queue"], template.Variables.GetProperty("rosterQueueName").GetString());
        Assert.Contains(template.Variables.GetProperty("rosterContainerName").GetString(), app.Containers);
        // The local scanner stays off in Azure: Event Grid announces each blob once.
        Assert.Equal("false", app.Values["Hosting:BlobArrivals:Scan"]);
    }

    [Fact]
    public async Task In_azure_the_app_reaches_storage_with_its_managed_identity_and_no_key()
    {
        var (template, _) = await Composed.Value;
        var settings = template.AppSettingsAsAzureGivesThem();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var clients = StorageClients.FromConfiguration(configuration);

        Assert.True(clients.UsesIdentity);
        Assert.Null(clients.ConnectionString);
        Assert.Equal(new Uri("https://standin.queue.core.windows.net/"), clients.QueueServiceUri);
        Assert.DoesNotContain("AzureWebJobsStorage", template.AppSettings.Keys);
        Assert.Equal("managedidentity", template.AppSettings["AzureWebJobsStorage__credential"]);
        Assert.DoesNotContain(template.AppSettings.Values, v => v.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase)
            || v.Contains("SharedAccessSignature", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_secrets_are_key_vault_references()
    {
        var (template, _) = await Composed.Value;

        foreach (var secret in new[] { "Security__PersonKeySecret", "Security__IdEncryptionKey" })
        {
            Assert.Contains("secretReference", template.AppSettings[secret], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_names_provisioned_beyond_what_the_code_declares_are_reported()
    {
        var (template, app) = await Composed.Value;

        var queues = template.Queues.Except(app.Queues).Except(app.TriggerQueues).ToList();
        var containers = template.Containers.Except(app.Containers).ToList();
        var tables = template.Tables.Except(app.Tables).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"provisioned, not declared by code: queues [{string.Join(", ", queues)}], containers [{string.Join(", ", containers)}], tables [{string.Join(", ", tables)}]");

        // Nothing stale: a name the code no longer uses is removed from main.bicep too.
        Assert.Empty(queues);
        Assert.Empty(containers);
        Assert.Empty(tables);
    }
}
