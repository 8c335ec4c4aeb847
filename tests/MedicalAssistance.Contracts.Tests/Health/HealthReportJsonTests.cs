using System.Text.Json;
using MedicalAssistance.Contracts.Health;

namespace MedicalAssistance.Contracts.Tests.Health;

public sealed class HealthReportJsonTests
{
    [Fact]
    public void Serialises_with_the_documented_field_names()
    {
        var report = new HealthReport(HealthReport.Healthy, new StorageHealth(StorageHealth.Ok, StorageHealth.Ok, StorageHealth.Ok));

        var json = JsonSerializer.Serialize(report);

        Assert.Equal("""{"status":"healthy","storage":{"tables":"ok","blobs":"ok","queues":"ok"}}""", json);
    }

    [Theory]
    [InlineData("healthy", true)]
    [InlineData("unhealthy", false)]
    public void IsHealthy_follows_status(string status, bool expected)
    {
        var report = JsonSerializer.Deserialize<HealthReport>($$$"""{"status":"{{{status}}}","storage":{"tables":"ok","blobs":"unreachable","queues":"ok"}}""")!;

        Assert.Equal(expected, report.IsHealthy);
        Assert.Equal("unreachable", report.Storage.Blobs);
    }
}
