using System.Net.Http.Json;
using System.Net;
using MedicalAssistance.Contracts.Health;
using MedicalAssistance.Functions.Health;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Health;

public sealed class HealthFunctionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Reports_healthy_when_every_storage_service_answers()
    {
        var function = new HealthProbe(new StorageAccount(azurite.ConnectionString), TimeProvider.System);

        var report = await function.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new HealthReport("healthy", new StorageHealth("ok", "ok", "ok")), report);
    }

    [Fact]
    public async Task A_crowd_of_checks_shares_one_probe_until_the_answer_is_a_few_seconds_old()
    {
        var storage = new StorageAccount(AzuriteFixture.UnreachableConnectionString);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var probe = new HealthProbe(storage, time);

        var crowd = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => probe.RunAsync(TestContext.Current.CancellationToken)));
        Assert.All(crowd, r => Assert.Same(crowd[0], r)); // one probe answered all fifty
        Assert.Same(crowd[0], await probe.RunAsync(TestContext.Current.CancellationToken));

        time.Advance(HealthProbe.CacheDuration);
        Assert.NotSame(crowd[0], await probe.RunAsync(TestContext.Current.CancellationToken)); // probed again
    }

    [Fact]
    public async Task Liveness_answers_200_while_storage_is_down()
    {
        await using var host = await FunctionsHost.StartAsync(AzuriteFixture.UnreachableConnectionString);
        using var http = host.CreateClient();

        using var live = await http.GetAsync("api/health/live", TestContext.Current.CancellationToken);
        using var ready = await http.GetAsync("api/health", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable), (live.StatusCode, ready.StatusCode));
    }

    [Fact]
    public async Task Endpoint_answers_200_with_the_report()
    {
        await using var host = await FunctionsHost.StartAsync(azurite.ConnectionString);
        using var http = host.CreateClient();

        using var response = await http.GetAsync("api/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal("""{"status":"healthy","storage":{"tables":"ok","blobs":"ok","queues":"ok"}}""", body);
    }

    [Fact]
    public async Task Endpoint_answers_503_naming_each_failing_part_when_storage_is_down()
    {
        await using var host = await FunctionsHost.StartAsync(AzuriteFixture.UnreachableConnectionString);
        using var http = host.CreateClient();

        using var response = await http.GetAsync("api/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<HealthReport>(TestContext.Current.CancellationToken);
        Assert.NotNull(report);
        Assert.Equal("unhealthy", report.Status);
        Assert.Equal("unreachable", report.Storage.Tables);
        Assert.Equal("unreachable", report.Storage.Blobs);
        Assert.Equal("unreachable", report.Storage.Queues);
    }
}
