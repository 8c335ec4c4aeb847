using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Simulate;

/// <summary>A fixed-window limiter partitioned by the client's remote IP address.</summary>
public sealed class SimulateRateLimiter(IOptions<SimulateRateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.Value.PermitLimit,
                Window = TimeSpan.FromSeconds(options.Value.WindowSeconds),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    public ValueTask<RateLimitLease> AcquireAsync(HttpContext context) => limiter.AcquireAsync(context, 1, context.RequestAborted);

    public void Dispose() => limiter.Dispose();
}
