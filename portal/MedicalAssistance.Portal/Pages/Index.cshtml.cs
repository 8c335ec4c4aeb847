using MedicalAssistance.Contracts;
using MedicalAssistance.Contracts.Health;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedicalAssistance.Portal.Pages;

public sealed class IndexModel(IMedicalAssistanceApi api, ILogger<IndexModel> logger) : PageModel
{
    public SystemStatus Status { get; private set; } = SystemStatus.Unreachable;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await api.GetHealthAsync(cancellationToken);
            // 503 carries the same body: the API is reachable, part of storage is not.
            Status = response.Content is { } report ? SystemStatus.From(report) : SystemStatus.Unreachable;
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Health check of the API failed");
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Health check of the API timed out");
        }
    }
}

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
