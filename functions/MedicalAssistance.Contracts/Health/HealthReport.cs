using System.Text.Json.Serialization;

namespace MedicalAssistance.Contracts.Health;

/// <summary>Answer of <c>GET /api/health</c>: overall status plus one entry per storage service.</summary>
public sealed record HealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("storage")] StorageHealth Storage)
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";

    [JsonIgnore]
    public bool IsHealthy => Status == Healthy;
}

/// <summary>Each value is <c>ok</c> or a short description of the failure.</summary>
public sealed record StorageHealth(
    [property: JsonPropertyName("tables")] string Tables,
    [property: JsonPropertyName("blobs")] string Blobs,
    [property: JsonPropertyName("queues")] string Queues)
{
    public const string Ok = "ok";
}
