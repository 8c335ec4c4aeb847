using MedicalAssistance.Contracts.Health;
using Refit;

namespace MedicalAssistance.Contracts;

/// <summary>
/// The functions host's HTTP API as the portal (and any other .NET caller) sees it.
/// One interface so that the routes live in one place; features add their methods here.
/// </summary>
public interface IMedicalAssistanceApi
{
    /// <summary>Host and storage status. Answers 503 with the same body when a part is down.</summary>
    [Get("/api/health")]
    Task<IApiResponse<HealthReport>> GetHealthAsync(CancellationToken cancellationToken = default);
}
