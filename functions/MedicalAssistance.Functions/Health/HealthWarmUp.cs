namespace MedicalAssistance.Functions.Health;

/// <summary>
/// Starts the first storage probe with the host instead of on the first <c>GET /api/health</c>, and builds what every HTTP
/// function needs first (the guards and their key store and token services): that work then overlaps Kestrel's start
/// (the host starts its services concurrently), and a cold instance answers sooner.
/// </summary>
internal sealed class HealthWarmUp(HealthProbe probe, IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = probe.RunAsync(CancellationToken.None);
        _ = Task.Run(() => services.GetServices<MedicalAssistance.Hosting.Http.IHttpFunctionGuard>().ToList(), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
