using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Beneficiaries.SignIn;

/// <summary>
/// Sign-in requests per client address (<see cref="BeneficiaryOptions.RequestsPerAddressPerMinute"/>), a fixed window per
/// instance. Behind the portal every request comes from the portal, so the portal-key caller's <c>X-Forwarded-For</c> (its
/// visitor's address) is the partition; the header is ignored for anyone else (the routes need the portal key anyway).
/// </summary>
public sealed class SignInAddressLimiter(IOptions<BeneficiaryOptions> options) : IDisposable
{
    public const string ForwardedHeader = "X-Forwarded-For";

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RequestsPerAddressPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public ValueTask<RateLimitLease> AcquireAsync(HttpContext context) => _limiter.AcquireAsync(AddressOf(context), 1, context.RequestAborted);

    private static string AddressOf(HttpContext context)
    {
        var forwarded = context.Request.Headers[ForwardedHeader].ToString();
        var first = forwarded.Split(',', 2)[0].Trim();
        return first.Length is > 0 and <= 64 ? "fwd:" + first : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    public void Dispose() => _limiter.Dispose();
}
