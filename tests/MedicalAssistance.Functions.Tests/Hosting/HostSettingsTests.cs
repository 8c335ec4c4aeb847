using MedicalAssistance.Functions.CommandLine;
using MedicalAssistance.Hosting.Settings;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Configuration;

namespace MedicalAssistance.Functions.Tests.Hosting;

public sealed class HostSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hostjson").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private HostSettings ReadHostJson(string json)
    {
        File.WriteAllText(Path.Combine(_folder, "host.json"), json);
        var configuration = new ConfigurationManager();
        configuration.AddHostJson(_folder);
        return HostSettings.Read(configuration);
    }

    [Fact]
    public void The_repository_host_json_gives_the_azure_functions_queue_settings()
    {
        var configuration = new ConfigurationManager();
        configuration.AddHostJson(RepositoryPaths.Root);

        var settings = HostSettings.Read(configuration);

        Assert.Equal(16, settings.Queues.BatchSize);
        Assert.Equal(5, settings.Queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.FunctionTimeout);
        Assert.Equal("Asia/Shanghai", settings.Timers.TimeZone.Id);
    }

    [Fact]
    public void Missing_keys_take_azure_defaults_and_unknown_keys_are_ignored()
    {
        var settings = ReadHostJson("""{ "version": "2.0", "somethingNew": { "x": 1 }, "extensions": { "queues": { "batchSize": 8, "futureKey": true } } }""");

        Assert.Equal(8, settings.Queues.BatchSize);
        Assert.Equal(4, settings.Queues.NewBatchThreshold); // half the batch, as in Azure
        Assert.Equal(5, settings.Queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.Zero, settings.Queues.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.Queues.MaxPollingInterval);
    }

    [Theory]
    [InlineData("""{ "extensions": { "queues": { "batchSize": "sixteen" } } }""", "'extensions.queues.batchSize'")]
    [InlineData("""{ "extensions": { "queues": { "batchSize": 64 } } }""", "'extensions.queues.batchSize'")]
    [InlineData("""{ "extensions": { "queues": { "maxDequeueCount": true } } }""", "'extensions.queues.maxDequeueCount'")]
    [InlineData("""{ "extensions": { "queues": { "visibilityTimeout": { "seconds": 30 } } } }""", "'extensions.queues.visibilityTimeout'")]
    [InlineData("""{ "extensions": { "queues": { "maxPollingInterval": 2 } } }""", "'extensions.queues.maxPollingInterval'")]
    [InlineData("""{ "functionTimeout": "ten minutes" }""", "'functionTimeout'")]
    [InlineData("""{ "logging": { "logLevel": { "default": "Loud" } } }""", "'logging.logLevel.default'")]
    public void A_value_of_the_wrong_type_stops_start_up_naming_the_key(string json, string key)
    {
        var error = Assert.Throws<HostSettingsException>(() => ReadHostJson(json));

        Assert.Contains("host.json " + key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_style_overrides_win_over_host_json()
    {
        File.WriteAllText(Path.Combine(_folder, "host.json"), """{ "extensions": { "queues": { "batchSize": 8 } } }""");
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureFunctionsJobHost:extensions:queues:batchSize"] = "2" });
        configuration.AddHostJson(_folder);

        Assert.Equal(2, HostSettings.Read(configuration).Queues.BatchSize);
    }

    [Fact]
    public async Task Every_verb_refuses_to_start_with_a_wrong_value_and_names_the_key()
    {
        var previous = Console.Error;
        using var error = new StringWriter();
        Console.SetError(error);
        try
        {
            var exit = await FunctionsCommandLine.RunAsync(["keys", "list", "--AzureFunctionsJobHost:extensions:queues:batchSize=lots",
                $"--{StorageAccount.ConnectionStringKey}={AzuriteFixture.UnreachableConnectionString}"]);

            Assert.Equal(FunctionsCommandLine.ExitConfig, exit);
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Contains("'extensions.queues.batchSize'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_refuses_to_build_with_a_wrong_value()
    {
        var error = Assert.Throws<HostSettingsException>(() => FunctionsApp.Build(
            [.. RunningApp.LoopbackArgs, "--AzureFunctionsJobHost:functionTimeout=5", $"--{StorageAccount.ConnectionStringKey}={AzuriteFixture.UnreachableConnectionString}"]));

        Assert.Contains("'functionTimeout'", error.Message, StringComparison.Ordinal);
    }
}
