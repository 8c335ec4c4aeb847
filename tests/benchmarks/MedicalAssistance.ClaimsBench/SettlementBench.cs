using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using MedicalAssistance.Contracts.Claims;
using MedicalAssistance.Functions;
using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Runs;
using MedicalAssistance.Functions.Runs.Settlement;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

/// <summary>
/// monthly-settlement (runs issue, "Performance"): November 2025 claims of Tumxuk persons (5 each) written directly in their stored
/// shape (ledgers holding the claims, claim rows, the month's row per person in table claimadjustments), then the run through the
/// real services in a child process (elapsed and peak working set, VmHWM), against a raw baseline in this process that only reads
/// the rows the run reads: the month's persons, and each person's ledger, which holds the person's claims (as many at a time as
/// the run). The claim rows are written as intake writes them, but neither side reads them: the ledger keeps what the run needs.
/// </summary>
internal static class SettlementBench
{
    public const int PerPerson = 5;

    /// <summary>The run's clock: 2025-12-01 02:00 in China (the timer's occurrence), moving on from there.</summary>
    public static readonly DateTimeOffset RunAt = new(2025, 12, 1, 2, 0, 0, TimeSpan.FromHours(8));

    public static async Task<int> RunAsync(int[] claimCounts)
    {
        foreach (var claims in claimCounts)
        {
            var azurite = new AzuriteFixture();
            await azurite.InitializeAsync();
            try
            {
                var storage = new StorageAccount(azurite.ConnectionString);
                await FunctionsApp.StorageLayout().EnsureCreatedAsync(storage, CancellationToken.None);
                var watch = Stopwatch.StartNew();
                var persons = await SeedAsync(storage, claims / PerPerson);
                Console.WriteLine($"{claims:N0} claims of {persons.Count:N0} persons written in {watch.Elapsed.TotalSeconds:F1} s; load average {Bench.Load()}");

                watch.Restart();
                var read = await BaselineAsync(storage);
                var baseline = watch.Elapsed;
                Console.WriteLine($"  baseline (the month's persons, then each one's ledger with its claims, 16 at a time): {read:N0} rows in {baseline.TotalSeconds:F1} s; load average {Bench.Load()}");

                var (elapsed, peak, output) = await ChildAsync(azurite.ConnectionString);
                Console.WriteLine($"  monthly-settlement: {output} in {elapsed.TotalSeconds:F1} s, peak working set {peak / 1024.0:F0} MB; load average {Bench.Load()}");
                Console.WriteLine($"  ratio run/baseline (time): {elapsed.TotalSeconds / baseline.TotalSeconds:F2}");
            }
            finally
            {
                await azurite.DisposeAsync();
            }
        }

        return 0;
    }

    /// <summary>The run in this process (the child): real services, the fixed clock; prints the outcome, its time, then VmHWM.</summary>
    public static async Task<int> ChildAsync(string connection, string secretPersonKey, string secretIdKey)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [$"--{StorageAccount.ConnectionStringKey}={connection}", $"--Security:PersonKeySecret={secretPersonKey}", $"--Security:IdEncryptionKey={secretIdKey}",
                "--Security:IdEncryptionKeyId=bench", "--Logging:LogLevel:Default=Warning"],
        });
        builder.Services.AddFunctionsCore(builder.Configuration);
        builder.Services.AddSingleton<TimeProvider>(new MovingClock(RunAt));
        using var host = builder.Build();
        var watch = Stopwatch.StartNew();
        var claim = await host.Services.GetRequiredService<PeriodRunner>().RunAsync(host.Services.GetRequiredService<MonthlySettlement>(), RunPeriod.Parse("2025-11"), CancellationToken.None);
        var totals = string.Join(", ", claim.State.Totals.Select(t => $"{t.Key} {t.Value.Count} claims"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{claim.State.Status} {claim.State.Done} persons ({totals}) run {watch.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM", StringComparison.Ordinal)));
        return claim.State.Status == RunStatus.Done ? 0 : 1;
    }

    private static async Task<(TimeSpan Elapsed, long Peak, string Output)> ChildAsync(string connection)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (!Environment.ProcessPath!.EndsWith("ClaimsBench", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(SettlementBench).Assembly.Location);
        }

        foreach (var arg in new[] { "child-settle", connection, Secrets.PersonKey, Secrets.IdKey })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var peak = lines.LastOrDefault(l => l.StartsWith("VmHWM", StringComparison.Ordinal)) ?? throw new InvalidOperationException($"the run failed ({child.ExitCode}):\n{output}");
        var result = lines.First(l => l.Contains(" run ", StringComparison.Ordinal));
        var seconds = double.Parse(result[(result.LastIndexOf(" run ", StringComparison.Ordinal) + 5)..].Split(' ')[0], CultureInfo.InvariantCulture);
        return (TimeSpan.FromSeconds(seconds), long.Parse(peak.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture), result);
    }

    private static readonly Bench.SecretSet Secrets = Bench.Secrets();

    private static DateOnly SettledOnOf(string claimId) => new(2025, 11, 5 + claimId[^1] % 20);

    /// <summary>Ledgers (one conditional insert each), claim rows and the month's rows (entity-group transactions of one partition).</summary>
    private static async Task<List<string>> SeedAsync(StorageAccount storage, int personCount)
    {
        var keys = new PersonKeys(Microsoft.Extensions.Options.Options.Create(new PersonSecurityOptions { PersonKeySecret = Secrets.PersonKey, IdEncryptionKey = Secrets.IdKey }));
        var ledgers = new ClaimLedgerStore(storage);
        var claimTable = storage.Table(ClaimStore.TableName);
        var at = RunAt.AddDays(-10);
        var personKeys = Enumerable.Range(0, personCount).Select(i => keys.KeyOf(Bench.MakeId(i))).ToList();
        var records = new System.Collections.Concurrent.ConcurrentBag<ClaimRecord>();
        await Parallel.ForEachAsync(personKeys.Select((key, i) => (key, i)), Bench.Parallel(32), async (p, ct) =>
        {
            var id = Bench.MakeId(p.i);
            var claims = Enumerable.Range(0, PerPerson).Select(j => Bench.Message(keys, id, j) with { }).ToList();
            var commit = Guid.NewGuid().ToString("N");
            var results = new Dictionary<string, LedgerResult>(StringComparer.Ordinal);
            var outbox = new List<ClaimAdjustment>();
            foreach (var c in claims)
            {
                var total = 1_000m + c.ClaimId.Length + p.i % 97;
                results[c.ClaimId] = new LedgerResult(ClaimStatus.Settled, "DIBAO_MARGINAL", 2025, 0m, total, 0m, 0m, total, null, "说明", "explanation", null, null, null);
                outbox.Add(new ClaimAdjustment(c.ClaimId, 2025, 0m, total, total, "claim", at, commit));
                records.Add(new ClaimRecord(c.ClaimId, c.Profile, c.PersonKey, c.MaskedIdNumber, "enc", "enc", c.BirthDate, c.FacilityCode, "医院" + c.FacilityCode,
                    SettledOnOf(c.ClaimId), c.Input, c.Version, "bench", at));
            }

            var state = new ClaimLedgerState
            {
                PersonKey = p.key, Profile = "tumxuk-2025", MaskedIdNumber = id.Masked, BirthDate = id.BirthDate,
                Claims = [.. claims.Select(c => new LedgerClaim(c.ClaimId, c.Version, c.Input, c.FacilityCode, false, null, "医院" + c.FacilityCode, SettledOnOf(c.ClaimId)))],
                Results = results, Version = 1, CommitId = commit, Outbox = outbox,
            };
            _ = await ledgers.TryCommitAsync(state, null, ct) ?? throw new InvalidOperationException("ledger exists");
            await ledgers.WriteAdjustmentsAsync([state], ct);
        });
        var batches = records.Select(ClaimStore.ToEntity).GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(100)).ToList();
        await Parallel.ForEachAsync(batches, Bench.Parallel(16), async (batch, ct) =>
            await claimTable.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), ct));
        return personKeys;
    }

    /// <summary>What the run must read at least: the month's persons and each person's ledger (rows: persons + ledgers).</summary>
    private static async Task<int> BaselineAsync(StorageAccount storage)
    {
        var ledgers = new ClaimLedgerStore(storage);
        var rows = 0;
        var persons = ledgers.PersonsWithAdjustmentsAsync("tumxuk-2025", "202511", CancellationToken.None);
        await Parallel.ForEachAsync(persons, Bench.Parallel(16), async (person, ct) =>
        {
            var ledger = await ledgers.LoadAsync(person, "tumxuk-2025", ct) ?? throw new InvalidOperationException("no ledger");
            if (ledger.State.Claims.Count != PerPerson)
            {
                throw new InvalidOperationException("a ledger without its claims");
            }

            Interlocked.Add(ref rows, 2);
        });
        return rows;
    }

    /// <summary>A clock that starts at a fixed instant and runs at the real pace (heartbeats and leases keep working).</summary>
    private sealed class MovingClock(DateTimeOffset start) : TimeProvider
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start + Stopwatch.GetElapsedTime(_started);
    }
}
