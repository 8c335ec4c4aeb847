using MedicalAssistance.Contracts;
using MedicalAssistance.Portal.Pages;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Portal.Api;

/// <summary>
/// The home page's status line, fetched from <c>GET /api/health</c> at most once per <see cref="PortalApiOptions.StatusCacheDuration"/>
/// (one call at a time), so a crowd of anonymous visitors never turns into a crowd of API calls.
/// </summary>
public sealed partial class SystemStatusCache(IServiceScopeFactory scopes, IOptions<PortalApiOptions> options, TimeProvider time, ILogger<SystemStatusCache> logger) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (SystemStatus Status, DateTimeOffset At)? _last;

    public async Task<SystemStatus> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } status)
        {
            return status;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } fetched)
            {
                return fetched;
            }

            var result = await FetchAsync(cancellationToken);
            _last = (result, time.GetUtcNow());
            return result;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>How many times the API was asked (tests check that page views do not each call it).</summary>
    public int Fetches { get; private set; }

    private SystemStatus? Fresh() =>
        _last is { } last && time.GetUtcNow() - last.At < options.Value.StatusCacheDuration ? last.Status : null;

    private async Task<SystemStatus> FetchAsync(CancellationToken cancellationToken)
    {
        Fetches++;
        using var scope = scopes.CreateScope();
        var api = scope.ServiceProvider.GetRequiredService<IMedicalAssistanceApi>();
        try
        {
            using var response = await api.GetHealthAsync(cancellationToken);
            // 503 carries the same body: the API is reachable, part of storage is not.
            return response.Content is { } report ? SystemStatus.From(report) : SystemStatus.Unreachable;
        }
        catch (Exception ex) when (ApiUnavailable.Is(ex, cancellationToken))
        {
            LogUnreachable(ex);
            return SystemStatus.Unreachable;
        }
    }

    public void Dispose() => _refresh.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check of the API failed")]
    private partial void LogUnreachable(Exception exception);
}
