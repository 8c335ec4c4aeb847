using MedicalAssistance.Contracts.Health;

namespace MedicalAssistance.Portal.Pages;

/// <summary>What the home page shows: the API's health, its storage parts named in Chinese.</summary>
public sealed record SystemStatus(bool Reachable, bool Healthy, IReadOnlyList<SystemStatus.Part> Parts)
{
    public sealed record Part(string Name, bool Ok);

    public static readonly SystemStatus Unreachable = new(false, false, []);

    public static SystemStatus From(HealthReport report) => new(true, report.IsHealthy,
    [
        new("数据表存储", report.Storage.Tables == StorageHealth.Ok),
        new("文件存储", report.Storage.Blobs == StorageHealth.Ok),
        new("消息队列", report.Storage.Queues == StorageHealth.Ok),
    ]);
}
