using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using MedicalAssistance.Functions.CommandLine;
using MedicalAssistance.Hosting.BlobArrivals;
using MedicalAssistance.Hosting.Catalog;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Settings;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Telemetry;
using MedicalAssistance.Hosting.Timers;
using MedicalAssistance.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MedicalAssistance.Functions.Tests.Hosting;

/// <summary>One run the probe saw: the occurrence (a timer's <c>ScheduleStatus.Next</c>, in Asia/Shanghai), or the period of a period run.</summary>
public sealed record ProbeRun(DateTimeOffset? ScheduledAt, bool IsPastDue, string? Period);

public sealed class TimerProbe
{
    public ConcurrentQueue<ProbeRun> Runs { get; } = new();

    /// <summary>Runs inside the timer function after the run is recorded.</summary>
    public Func<ProbeRun, CancellationToken, Task> Behaviour { get; set; } = (_, _) => Task.CompletedTask;

    public Task RunAsync(ProbeRun run, CancellationToken cancellationToken)
    {
        Runs.Enqueue(run);
        return Behaviour(run, cancellationToken);
    }
}

/// <summary>The probe timer; each test serves it under a name of its own (<see cref="TimerTests.Catalog"/>) so leases and status do not meet.</summary>
public sealed class ProbeTimerFunctions(TimerProbe probe)
{
    [Function("probe-timer")]
    public Task ProbeTimer([TimerTrigger("%Test:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        probe.RunAsync(new ProbeRun(timer.ScheduleStatus is { } status ? new DateTimeOffset(status.Next, TimeSpan.FromHours(8)) : null, timer.IsPastDue, null), cancellationToken);
}

/// <summary>The probe timer's run for a period (<c>run … --period</c>, <c>POST /api/runs/{name}?period=</c>).</summary>
public sealed class ProbePeriodRun(string name, TimerProbe probe) : ITimerPeriodRun
{
    public string Name => name;

    public Task RunAsync(string period, string requestedBy, CancellationToken cancellationToken) =>
        probe.RunAsync(new ProbeRun(null, false, period), cancellationToken);
}

/// <summary>Counts timer wake-ups (the <c>functions.timer.checks</c> metric) for one timer name, from every host in this process.</summary>
internal sealed class TimerChecks : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<string> _outcomes = new();

    public TimerChecks(string timer)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == FunctionsTelemetry.Name && instrument.Name == "functions.timer.checks")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? name = null, outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "timer") { name = tag.Value as string; }
                if (tag.Key == "outcome") { outcome = tag.Value as string; }
            }

            if (name == timer)
            {
                _outcomes.Enqueue(outcome ?? "");
            }
        });
        _listener.Start();
    }

    public IReadOnlyList<string> Outcomes => [.. _outcomes];

    public void Dispose() => _listener.Dispose();
}

public sealed class TimerTests(AzuriteFixture azurite)
{
    private const string EveryMinute = "0 * * * * *";
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private StorageAccount Storage => new(azurite.ConnectionString);

    /// <summary>The probe timer function, named <paramref name="timer"/>.</summary>
    internal static FunctionCatalog Catalog(string timer) =>
        FunctionCatalog.Of([FunctionCatalog.FromTypes([typeof(ProbeTimerFunctions)]).Functions.Single() with { Name = timer }]);

    private Task<RunningApp> StartHostAsync(string timer, TimerProbe probe, TimeProvider time, string schedule = EveryMinute) =>
        RunningApp.StartAsync(FunctionsApp.Build(
            [.. RunningApp.LoopbackArgs, $"--{StorageAccount.ConnectionStringKey}={azurite.ConnectionString}", .. TestSecrets.Args, $"--{RunsOptions.Section}:Queue={AzuriteFixture.UniqueName("runs")}"],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(FastHostSettings.Queues);
                builder.Services.AddSingleton(time);
                builder.Services.AddSingleton(probe);
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Test:Schedule"] = schedule });
                builder.Services.AddFunctions(Catalog(timer));
                builder.Services.AddSingleton<ITimerPeriodRun>(new ProbePeriodRun(timer, probe));
            }), Ct);

    [Fact]
    public async Task Two_hosts_over_one_storage_run_a_due_timer_exactly_once()
    {
        var timer = AzuriteFixture.UniqueName("t");
        using var checks = new TimerChecks(timer);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 30, Shanghai));
        var probe = new TimerProbe();
        await using var first = await StartHostAsync(timer, probe, time);
        await using var second = await StartHostAsync(timer, probe, time);
        await Eventually.HoldsAsync(() => checks.Outcomes.Count >= 2, "both hosts made their start-up check");
        Assert.Empty(probe.Runs);

        time.Advance(TimeSpan.FromSeconds(30)); // 10:01:00, the first occurrence

        await Eventually.HoldsAsync(() => checks.Outcomes.Count >= 4, "both hosts woke for 10:01:00");
        var run = Assert.Single(probe.Runs);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 1, 0, Shanghai), run.ScheduledAt);
        Assert.Equal(Shanghai, run.ScheduledAt!.Value.Offset);
        Assert.False(run.IsPastDue);
        Assert.Null(run.Period);
        Assert.Single(checks.Outcomes, o => o == nameof(TimerOutcome.Ran));
    }

    [Fact]
    public async Task An_occurrence_missed_while_every_host_was_down_runs_once_on_restart_past_due()
    {
        var timer = AzuriteFixture.UniqueName("t");
        using var checks = new TimerChecks(timer);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 30, Shanghai));
        var probe = new TimerProbe();
        await using (var before = await StartHostAsync(timer, probe, time))
        {
            await Eventually.HoldsAsync(() => checks.Outcomes.Contains(nameof(TimerOutcome.Initialized)), "the schedule status was created");
        }

        time.Advance(TimeSpan.FromMinutes(3)); // 10:03:30: 10:01, 10:02 and 10:03 were missed
        await using var after = await StartHostAsync(timer, probe, time);

        await Eventually.HoldsAsync(() => checks.Outcomes.Count >= 2, "the restarted host made its start-up check");
        var run = Assert.Single(probe.Runs);
        Assert.True(run.IsPastDue);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 1, 0, Shanghai), run.ScheduledAt);
        var status = await TimerStatus.ReadAsync(Storage, timer, Ct);
        Assert.NotNull(status);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 1, 0, Shanghai), status.Last);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 4, 0, Shanghai), status.Next);

        // The next occurrence on time is not past due.
        time.Advance(TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(() => probe.Runs.Count == 2, "the 10:04 occurrence ran");
        Assert.False(probe.Runs.Last().IsPastDue);
    }

    [Fact]
    public async Task A_changed_schedule_starts_afresh_instead_of_running_an_occurrence_of_the_old_one()
    {
        var timer = AzuriteFixture.UniqueName("t");
        using var checks = new TimerChecks(timer);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 30, Shanghai));
        var probe = new TimerProbe();
        await using (var before = await StartHostAsync(timer, probe, time))
        {
            await Eventually.HoldsAsync(() => checks.Outcomes.Count >= 1, "the schedule status was created");
        }

        time.Advance(TimeSpan.FromMinutes(2)); // 10:02:30: the old every-minute schedule had 10:01 due
        await using var after = await StartHostAsync(timer, probe, time, schedule: "0 0 * * * *");

        await Eventually.HoldsAsync(() => checks.Outcomes.Count >= 2, "the restarted host made its start-up check");
        Assert.Empty(probe.Runs);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 11, 0, 0, Shanghai), (await TimerStatus.ReadAsync(Storage, timer, Ct))?.Next);
    }

    [Fact]
    public async Task Stopping_the_host_lets_a_running_timer_finish_then_releases_its_lease()
    {
        var timer = AzuriteFixture.UniqueName("t");
        using var checks = new TimerChecks(timer);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 30, Shanghai));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new TimerProbe
        {
            Behaviour = async (_, _) =>
            {
                started.TrySetResult();
                await release.Task; // ignores the token: it must not be cancelled within the shutdown timeout
            },
        };
        var host = await StartHostAsync(timer, probe, time);
        await Eventually.HoldsAsync(() => checks.Outcomes.Count >= 1, "the start-up check happened");
        time.Advance(TimeSpan.FromSeconds(30));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        var stopping = host.DisposeAsync().AsTask();
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // The lease was released (not left to expire): another instance can take it at once.
        var lease = Azure.Storage.Blobs.Specialized.SpecializedBlobExtensions.GetBlobLeaseClient(Storage.Container("locks").GetBlobClient($"timer-{timer}"));
        await lease.AcquireAsync(TimeSpan.FromSeconds(15), cancellationToken: Ct);
        await lease.ReleaseAsync(cancellationToken: Ct);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 1, 0, Shanghai), (await TimerStatus.ReadAsync(Storage, timer, Ct))?.Last);
    }

    [Fact]
    public async Task An_occurrence_whose_lease_holder_crashed_runs_past_due_once_the_lease_expires()
    {
        var timer = AzuriteFixture.UniqueName("t");
        using var checks = new TimerChecks(timer);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 30, Shanghai));
        var probe = new TimerProbe();
        await using var host = await StartHostAsync(timer, probe, time);
        await Eventually.HoldsAsync(() => checks.Outcomes.Count >= 1, "the start-up check happened");

        // A "crashed" instance takes the lease for the shortest time storage allows and never renews or releases it.
        var lockBlob = Storage.Container("locks").GetBlobClient($"timer-{timer}");
        var crashed = Azure.Storage.Blobs.Specialized.SpecializedBlobExtensions.GetBlobLeaseClient(lockBlob);
        await crashed.AcquireAsync(TimeSpan.FromSeconds(15), cancellationToken: Ct);
        time.Advance(TimeSpan.FromSeconds(30)); // 10:01:00 is due, but the lease is held
        await Eventually.HoldsAsync(() => checks.Outcomes.Contains(nameof(TimerOutcome.Busy)), "the host found the lease taken");
        Assert.Empty(probe.Runs);

        await Eventually.HoldsAsync(async () => (await lockBlob.GetPropertiesAsync(cancellationToken: Ct)).Value.LeaseState != Azure.Storage.Blobs.Models.LeaseState.Leased,
            "the crashed holder's lease expired", TimeSpan.FromSeconds(40));
        time.Advance(TimeSpan.FromSeconds(60)); // the host looks again one lease duration later

        await Eventually.HoldsAsync(() => !probe.Runs.IsEmpty, "the missed occurrence ran");
        var run = Assert.Single(probe.Runs);
        Assert.Equal((new DateTimeOffset(2026, 3, 1, 10, 1, 0, Shanghai), true), (run.ScheduledAt, run.IsPastDue));
    }

    [Fact]
    public async Task A_timer_whose_lease_is_held_elsewhere_does_not_run()
    {
        var timer = AzuriteFixture.UniqueName("t");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 30, Shanghai));
        var probe = new TimerProbe();
        await using var host = await StartHostAsync(timer, probe, time);
        var runner = host.Services.GetRequiredService<TimerRunner>();

        // Another instance (this test) holds the timer's lease, as a long-running run would.
        var lockBlob = Storage.Container("locks").GetBlobClient($"timer-{timer}");
        await Eventually.HoldsAsync(async () => await lockBlob.ExistsAsync(Ct), "the lock blob exists");
        var lease = Azure.Storage.Blobs.Specialized.SpecializedBlobExtensions.GetBlobLeaseClient(lockBlob);
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await lease.AcquireAsync(TimeSpan.FromSeconds(15), cancellationToken: Ct);
                return true;
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 409)
            {
                return false; // the host's start-up check holds it for a moment
            }
        }, "the test holds the lease");

        var (outcome, _) = await runner.RunNowAsync(timer, "2026-03", Ct);

        Assert.Equal(TimerOutcome.Busy, outcome);
        Assert.Empty(probe.Runs);
        await lease.ReleaseAsync(cancellationToken: Ct);
        Assert.Equal(TimerOutcome.Ran, (await runner.RunNowAsync(timer, "2026-03", Ct)).Outcome);
        Assert.Equal("2026-03", Assert.Single(probe.Runs).Period);
    }

    [Fact]
    public async Task Post_runs_with_a_staff_key_queues_the_run_and_the_timer_function_runs_with_the_period()
    {
        var timer = AzuriteFixture.UniqueName("t");
        var probe = new TimerProbe();
        await using var host = await StartHostAsync(timer, probe, TimeProvider.System);
        var keys = host.Services.GetRequiredService<FunctionKeyStore>();
        var staffKey = await keys.CreateAsync(AzuriteFixture.UniqueName("staff"), [FunctionScopes.Staff], Ct);
        var portalKey = await keys.CreateAsync(AzuriteFixture.UniqueName("portal"), [FunctionScopes.Portal], Ct);
        using var http = host.CreateClient();

        async Task<HttpResponseMessage> PostAsync(string uri, string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri);
            if (key is not null)
            {
                request.Headers.Add("x-functions-key", key);
            }

            return await http.SendAsync(request, Ct);
        }

        using (var noKey = await PostAsync($"api/runs/{timer}?period=2026-03", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        }

        using (var portal = await PostAsync($"api/runs/{timer}?period=2026-03", portalKey))
        {
            Assert.Equal(HttpStatusCode.Forbidden, portal.StatusCode);
        }

        using (var unknown = await PostAsync("api/runs/no-such-timer", staffKey))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var badPeriod = await PostAsync($"api/runs/{timer}?period=2026-13", staffKey))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
            Assert.Equal("period", (await badPeriod.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());
        }

        Assert.Empty(probe.Runs);
        using var accepted = await PostAsync($"api/runs/{timer}?period=2026-03", staffKey);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        await Eventually.HoldsAsync(() => !probe.Runs.IsEmpty, "the queued run ran");
        var run = Assert.Single(probe.Runs);
        Assert.Equal(("2026-03", false), (run.Period, run.IsPastDue));
    }

    [Fact]
    public async Task The_run_command_runs_housekeeping_which_deletes_old_blob_receipts_only()
    {
        var receipts = Storage.Table(BlobReceipts.TableName);
        await receipts.CreateIfNotExistsAsync(Ct);
        var old = new TableEntity(AzuriteFixture.UniqueName("p"), "0x1") { ["State"] = "enqueued", ["EnqueuedAt"] = DateTimeOffset.UtcNow.AddDays(-91) };
        var recent = new TableEntity(AzuriteFixture.UniqueName("p"), "0x2") { ["State"] = "enqueued", ["EnqueuedAt"] = DateTimeOffset.UtcNow.AddDays(-89) };
        await receipts.AddEntityAsync(old, Ct);
        await receipts.AddEntityAsync(recent, Ct);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await RunCommand.RunAsync(["housekeeping", $"--{StorageAccount.ConnectionStringKey}={azurite.ConnectionString}"], output, error);

        Assert.True(exit == 0, error.ToString());
        Assert.Equal("run housekeeping: completed", output.ToString().Trim());
        Assert.False((await receipts.GetEntityIfExistsAsync<TableEntity>(old.PartitionKey, old.RowKey, cancellationToken: Ct)).HasValue);
        Assert.True((await receipts.GetEntityIfExistsAsync<TableEntity>(recent.PartitionKey, recent.RowKey, cancellationToken: Ct)).HasValue);
    }

    [Fact]
    public async Task The_run_command_refuses_unknown_timers_and_bad_periods()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var storage = $"--{StorageAccount.ConnectionStringKey}={azurite.ConnectionString}";

        Assert.Equal(FunctionsCommandLine.ExitNotFound, await RunCommand.RunAsync(["no-such-timer", storage], output, error));
        Assert.Contains("housekeeping", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(FunctionsCommandLine.ExitUsage, await RunCommand.RunAsync(["housekeeping", "--period", "March", storage], output, error));
    }

    [Fact]
    public void Schedules_are_read_in_the_configured_time_zone()
    {
        TimerRegistration Register(string schedule) => new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Test:Schedule"] = schedule }).Build())
            .AddFunctions(Catalog("monthly")).BuildServiceProvider().GetRequiredService<TimerRegistration>();
        var registration = Register("0 0 2 1 * *");
        var settings = HostSettings.Read(new ConfigurationBuilder().Build());
        var runner = new TimerRunner([registration], [], Storage, null!, settings, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<TimerRunner>.Instance);

        var next = runner.NextOccurrence(registration, DateTimeOffset.Parse("2026-03-15T00:00:00Z", CultureInfo.InvariantCulture));

        Assert.Equal(new DateTimeOffset(2026, 4, 1, 2, 0, 0, Shanghai), next);
        Assert.Contains("NCRONTAB", Assert.Throws<InvalidOperationException>(() => Register("0 0 2 1 *")).Message, StringComparison.Ordinal);
    }
}
