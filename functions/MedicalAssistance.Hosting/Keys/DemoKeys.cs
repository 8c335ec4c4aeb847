namespace MedicalAssistance.Hosting.Keys;

/// <summary>A key that <c>seed-demo</c> creates for local use.</summary>
public sealed record DemoKey(string Caller, IReadOnlyList<string> Scopes);

public static class DemoKeys
{
    /// <summary>
    /// Registers a demo key for <c>seed-demo</c>, one line per caller, e.g.
    /// <c>services.AddDemoKey("meizhou-civil", FunctionScopes.Department("meizhou-civil"));</c>
    /// </summary>
    public static IServiceCollection AddDemoKey(this IServiceCollection services, string caller, params string[] scopes) =>
        services.AddSingleton(new DemoKey(caller, scopes));

    /// <summary>
    /// Replaces the caller's keys with a fresh one and prints it as <c>key &lt;caller&gt;: &lt;secret&gt;</c> (run.sh reads that line).
    /// Revoking first makes reruns of seed-demo leave exactly one demo key per caller.
    /// </summary>
    public static async Task<string> RecreateAsync(FunctionKeyStore store, DemoKey demo, TextWriter output, CancellationToken ct)
    {
        await store.RevokeAsync(demo.Caller, ct);
        var secret = await store.CreateAsync(demo.Caller, demo.Scopes, ct);
        await output.WriteLineAsync($"key {demo.Caller}: {secret}");
        return secret;
    }
}
