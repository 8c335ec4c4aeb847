using MedicalAssistance.Hosting.Settings;
using MedicalAssistance.Hosting.Timers;

namespace MedicalAssistance.Functions.CommandLine;

/// <summary>
/// <c>run &lt;timer&gt; [--period yyyy-MM]</c>: runs one timer function now and exits — what a Container Apps job executes.
/// Exit codes: 0 done, 1 the function failed, 2 no such timer, 64 usage, 75 another instance is running it.
/// </summary>
internal static class RunCommand
{
    public const int ExitBusy = 75;

    /// <summary>
    /// Waited beyond one lease duration for a timer another instance holds: a schedule check holds it for a moment, and the lease
    /// of a host that crashed holding it expires within one duration (Hosting:Timers:LeaseDuration), so only a run really
    /// going on elsewhere makes the command give up (exit 75).
    /// </summary>
    public static readonly TimeSpan LeaseWaitMargin = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var (options, rest) = CommandHost.Split(args, "period");
        // The timer's name comes first; what follows (other than --period) is configuration (--Key=value).
        var name = rest.Length > 0 && !rest[0].StartsWith('-') ? rest[0] : null;
        var period = options.GetValueOrDefault("period")?.LastOrDefault();
        if (name is null || (period is not null && !TimerFunctions.IsValidPeriod(period)))
        {
            await error.WriteLineAsync("usage: MedicalAssistance.Functions run <timer> [--period yyyy-MM]");
            return FunctionsCommandLine.ExitUsage;
        }

        using var host = CommandHost.Build(rest[1..]);
        var runner = host.Services.GetRequiredService<TimerRunner>();
        using var stop = new CancellationTokenSource();
        // Ctrl+C / SIGTERM cancel the run (the function sees its token cancelled) and release the lease.
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

        var leaseWait = host.Services.GetRequiredService<HostSettings>().Timers.LeaseDuration + LeaseWaitMargin;
        var (outcome, failure) = await runner.RunNowAsync(name, period, stop.Token, leaseWait: leaseWait);
        switch (outcome)
        {
            case TimerOutcome.Ran:
                await output.WriteLineAsync($"run {name}{(period is null ? "" : " " + period)}: completed");
                return FunctionsCommandLine.ExitOk;
            case TimerOutcome.Busy:
                await error.WriteLineAsync($"run {name}: another instance is running it; try again later");
                return ExitBusy;
            case TimerOutcome.Unknown:
                await error.WriteLineAsync($"run: no timer named '{name}'. Timers: {string.Join(", ", runner.Timers.Select(t => t.Name))}");
                return FunctionsCommandLine.ExitNotFound;
            default:
                await error.WriteLineAsync($"run {name}: failed: {failure?.GetType().Name}: {failure?.Message}");
                return FunctionsCommandLine.ExitFailed;
        }
    }
}
