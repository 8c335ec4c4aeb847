using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using MedicalAssistance.Functions;
using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Policy.Scenarios;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Options;

// Arguments: [claims per person, default 5] [worker processes, default 4] [first port, default 7440] then the persons of each
// round (default 4000 40000: 20,000 and 200,000 claims). Each round settles its claims through the claims queue with fresh
// worker processes, then runs the raw baseline over the same claims in the same order and concurrency.
// "profile <persons>": the reconciler alone in this process (no queue), with every storage request counted by kind.
if (args.Length > 1 && args[0] == "profile")
{
    return await Profile.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
}

// "settlement <claims>…": the monthly-settlement benchmark for each number of claims (SettlementBench); "child-settle" is its child.
if (args.Length > 1 && args[0] == "settlement")
{
    return await SettlementBench.RunAsync([.. args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture))]);
}

if (args.Length > 3 && args[0] == "child-settle")
{
    return await SettlementBench.ChildAsync(args[1], args[2], args[3]);
}

var perPerson = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var workers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
var firstPort = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7440;
// CLAIMS_BENCH_MINUTES: how long one round may settle before it stops and reports what it did (default 60).
var deadline = TimeSpan.FromMinutes(double.Parse(Environment.GetEnvironmentVariable("CLAIMS_BENCH_MINUTES") ?? "60", CultureInfo.InvariantCulture));
int[] rounds = args.Length > 3 ? [.. args[3..].Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [4_000, 40_000];

// CLAIMS_BENCH_STORAGE=<connection string>: run against that storage (a real account, or an Azurite started by hand, e.g.
// under node --cpu-prof) instead of a private in-memory Azurite.
var external = Environment.GetEnvironmentVariable("CLAIMS_BENCH_STORAGE") is { Length: > 0 } given ? given : null;
var azurite = new AzuriteFixture();
if (external is null)
{
    await azurite.InitializeAsync();
}

var connection = external ?? azurite.ConnectionString;
try
{
    var storage = new StorageAccount(connection);
    await FunctionsApp.StorageLayout().EnsureCreatedAsync(storage, CancellationToken.None);
    var secrets = Bench.Secrets();
    var options = Options.Create(new PersonSecurityOptions { PersonKeySecret = secrets.PersonKey, IdEncryptionKey = secrets.IdKey, IdEncryptionKeyId = "bench" });
    var keys = new PersonKeys(options);
    var protector = new IdProtector(options);
    var persons = new PersonStore(storage);
    var sender = new QueueSender(storage);
    var offset = 0;
    foreach (var personCount in rounds)
    {
        var claimCount = personCount * perPerson;
        Console.WriteLine($"round: {claimCount:N0} claims of {personCount:N0} persons, {workers} workers; load average {Bench.Load()}");
        var ids = Enumerable.Range(offset, personCount).Select(Bench.MakeId).ToList();
        offset += personCount;

        // Persons with a Tumxuk class-3 identity (no operator parameters needed, docs/scenario-format.md §9), as the roster ledger writes them.
        await Parallel.ForEachAsync(ids, Bench.Parallel(64), async (id, ct) =>
            _ = await persons.TryCommitAsync(Bench.Person(keys, protector, id), null, ct) ?? throw new InvalidOperationException("person exists"));

        // The messages intake would queue: claim j of every person, then claim j + 1 (a month's records arrive mixed, not by person).
        var messages = new List<ClaimQueued>(claimCount);
        for (var j = 0; j < perPerson; j++)
        {
            messages.AddRange(ids.Select(id => Bench.Message(keys, id, j)));
        }

        // 1. The real path: worker processes of the function host (serve, every listener running) settle from queue claims.
        //    The clock runs from the first message sent (once the workers answer /api/health) to the last one handled.
        var run = await Workers.SettleAllAsync(connection, secrets, workers, firstPort, storage, sender, messages, deadline);
        var rate = run.Handled / run.Elapsed.TotalSeconds;
        if (run.Handled == claimCount)
        {
            var settled = await Bench.CheckLedgersAsync(storage, ids.Select(keys.KeyOf).ToList(), perPerson);
            Console.WriteLine($"  settled {settled:N0} of {claimCount:N0} claims (every ledger holds its {perPerson} claims once)");
        }
        else
        {
            Console.WriteLine($"  DEADLINE: stopped after {run.Handled:N0} of {claimCount:N0} claims; figures below are for those");
            messages = messages[..run.Handled];
        }

        Console.WriteLine($"  {run.Handled:N0} claims in {run.Elapsed.TotalSeconds:F1} s = {rate:F0} claims/s (workers ready after {run.Startup.TotalSeconds:F1} s); load average {Bench.Load()}");
        Console.WriteLine($"  peak working set per worker: {string.Join(", ", run.Peaks.Select(p => $"{p / 1024.0:F0} MB"))} (max {run.Peaks.Max() / 1024.0:F0} MB)");

        // 2. Raw baseline: the same claims in the same order, as many workers each with the listener's batch size in flight,
        //    doing only one point read of the person's ledger entity and one ETag-conditional write of it (the claim appended).
        var baseline = await Baseline.RunAsync(storage, messages, workers * 16, $"baseline{claimCount}");
        var baselineRate = messages.Count / baseline.TotalSeconds;
        Console.WriteLine($"  baseline: {baseline.TotalSeconds:F1} s = {baselineRate:F0} claims/s; load average {Bench.Load()}");
        Console.WriteLine($"  ratio settle/baseline: {rate / baselineRate:F2}");
    }
}
finally
{
    await azurite.DisposeAsync();
}

return 0;

/// <summary>The function host as worker processes; the queue's message count tells when every claim was handled.</summary>
internal static class Workers
{
    public sealed record Result(int Handled, TimeSpan Elapsed, TimeSpan Startup, List<long> Peaks);

    /// <summary>Claims per facility request (intake takes up to 1,000; a hospital's hourly upload is of this order).</summary>
    private const int RequestSize = 100;

    public static async Task<Result> SettleAllAsync(string connection, Bench.SecretSet secrets, int count, int firstPort, StorageAccount storage,
        QueueSender sender, List<ClaimQueued> messages, TimeSpan deadline)
    {
        // CLAIMS_BENCH_WORKER=<path of MedicalAssistance.Functions.dll>: the app as published (claims.sh publishes it ReadyToRun,
        // as a deployment is); by default the build beside the bench.
        var dll = Environment.GetEnvironmentVariable("CLAIMS_BENCH_WORKER") is { Length: > 0 } published
            ? Path.GetFullPath(published)
            : Path.Combine(AppContext.BaseDirectory, "MedicalAssistance.Functions.dll");
        var processes = new List<Process>();
        var startup = Stopwatch.StartNew();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
                foreach (var arg in new[]
                         {
                             dll, "serve", "--urls", $"http://127.0.0.1:{firstPort + i}", $"--{StorageAccount.ConnectionStringKey}={connection}",
                             $"--Security:PersonKeySecret={secrets.PersonKey}", $"--Security:IdEncryptionKey={secrets.IdKey}", "--Security:IdEncryptionKeyId=bench",
                             "--Logging:LogLevel:Default=Warning",
                             // host.json's queue settings as deployed: every worker polls its other (empty) queues too.
                         })
                {
                    start.ArgumentList.Add(arg);
                }

                var process = Process.Start(start)!;
                process.OutputDataReceived += (_, e) => Echo(e.Data);
                process.ErrorDataReceived += (_, e) => Echo(e.Data);
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                processes.Add(process);
            }

            using var http = new HttpClient();
            for (var i = 0; i < count; i++)
            {
                while (!await HealthyAsync(http, firstPort + i))
                {
                    ThrowIfExited(processes);
                    await Task.Delay(100);
                }
            }

            var ready = startup.Elapsed;
            var queue = storage.Queue("claims");
            var poison = storage.Queue("claims" + QueueFunctions.PoisonSuffix);
            var watch = Stopwatch.StartNew();
            using var stopSending = new CancellationTokenSource();
            // As intake sends them: each facility request of RequestSize claims becomes a few packed messages (ClaimsQueued.Pack).
            var batches = messages.Chunk(RequestSize).SelectMany(ClaimsQueued.Pack).ToList();
            Console.WriteLine($"  {batches.Count:N0} messages ({messages.Count / (double)batches.Count:F1} claims each, requests of {RequestSize})");
            var sent = 0;
            var sending = Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = stopSending.Token }, async (m, ct) =>
            {
                await sender.SendAsync("claims", m, ct);
                Interlocked.Increment(ref sent);
            });
            var reported = TimeSpan.Zero;
            var handledMessages = 0;
            while (true)
            {
                await Task.Delay(250);
                ThrowIfExited(processes);
                // Azurite counts invisible (in-flight) messages too: sent - count is what was handled and deleted.
                var sentBefore = Volatile.Read(ref sent);
                var left = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
                handledMessages = Math.Max(handledMessages, sentBefore - left);
                if (sending.IsCompleted && left == 0)
                {
                    await sending;
                    handledMessages = batches.Count;
                    break;
                }

                if (watch.Elapsed > deadline)
                {
                    await stopSending.CancelAsync();
                    break;
                }

                if (watch.Elapsed - reported > TimeSpan.FromSeconds(30))
                {
                    reported = watch.Elapsed;
                    var claimsSoFar = batches.Take(handledMessages).Sum(b => b.Claims.Count);
                    Console.WriteLine($"  {watch.Elapsed.TotalSeconds:F0} s: {sentBefore:N0} messages sent, ~{claimsSoFar:N0} claims handled ({claimsSoFar / watch.Elapsed.TotalSeconds:F0}/s); load average {Bench.Load()}");
                }
            }

            // Messages are taken in about the order sent: the claims of the first handled messages (exact once all are).
            var handled = batches.Take(handledMessages).Sum(b => b.Claims.Count);
            var elapsed = watch.Elapsed;
            if (await poison.ExistsAsync() && (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount is > 0 and var failed)
            {
                throw new InvalidOperationException($"{failed} claims went to the poison queue");
            }

            return new Result(handled, elapsed, ready, processes.Select(p => PeakOf(p.Id)).ToList());
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }
    }

    private static async Task<bool> HealthyAsync(HttpClient http, int port)
    {
        try
        {
            return (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/api/health"))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static void ThrowIfExited(List<Process> processes)
    {
        if (processes.FirstOrDefault(p => p.HasExited) is { } dead)
        {
            throw new InvalidOperationException($"worker {dead.Id} exited ({dead.ExitCode})");
        }
    }

    private static long PeakOf(int pid) => long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM", StringComparison.Ordinal))
        .Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    private static void Echo(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line) && !line.Contains("info:", StringComparison.Ordinal))
        {
            Console.WriteLine("  | " + line);
        }
    }
}

/// <summary>One ledger point read and one ETag-conditional write per claim: the least storage work a claim can cost.</summary>
internal static class Baseline
{
    public static async Task<TimeSpan> RunAsync(StorageAccount storage, List<ClaimQueued> messages, int inFlight, string tableName)
    {
        await storage.Tables.CreateTableIfNotExistsAsync(tableName);
        var table = storage.Table(tableName);
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(messages, Bench.Parallel(inFlight), async (m, ct) =>
        {
            var partition = PersonKeys.BucketOf(m.PersonKey);
            while (true)
            {
                var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, m.PersonKey, cancellationToken: ct);
                var entity = new TableEntity(partition, m.PersonKey) { ["Data0"] = (found.HasValue ? found.Value!.GetString("Data0") + "," : "") + m.Input };
                try
                {
                    _ = found.HasValue
                        ? await table.UpdateEntityAsync(entity, found.Value!.ETag, TableUpdateMode.Replace, ct)
                        : await table.AddEntityAsync(entity, ct);
                    return;
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412)
                {
                    // Written meanwhile by another claim of the same person: read again.
                }
            }
        });
        return watch.Elapsed;
    }
}

internal static class Bench
{
    public sealed record SecretSet(string PersonKey, string IdKey);

    public static SecretSet Secrets() => new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>A person with a Tumxuk class-3 identity (no operator parameters needed, docs/scenario-format.md §9), as the roster ledger writes it.</summary>
    public static PersonState Person(PersonKeys keys, IdProtector protector, IdNumber id) => new()
    {
        PersonKey = keys.KeyOf(id),
        EncryptedIdNumber = protector.Protect(id.Value),
        MaskedIdNumber = id.Masked,
        EncryptedName = protector.Protect("测试"),
        NameFingerprint = keys.Fingerprint("测试"),
        BirthDate = id.BirthDate,
        Identities = [new IdentityPeriod("DIBAO_MARGINAL", new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 1), null, "tumxuk-civil")],
        Version = 1,
        CommitId = Guid.NewGuid().ToString("N"),
    };

    public static ParallelOptions Parallel(int degree) => new() { MaxDegreeOfParallelism = degree };

    public static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    public static IdNumber MakeId(int i)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"653101{new DateOnly(1950, 1, 1).AddDays(i / 1000):yyyyMMdd}{i % 1000:D3}");
        return IdNumber.TryParse(first17 + IdNumber.CheckCharacter(first17), out var id) ? id : throw new InvalidOperationException();
    }

    /// <summary>Claim <paramref name="j"/> of a person: inpatient stays and chronic outpatient visits from August 2025, 20 facilities.</summary>
    public static ClaimQueued Message(PersonKeys keys, IdNumber id, int j)
    {
        var key = keys.KeyOf(id);
        var inpatient = j % 3 == 0;
        var admission = new DateOnly(2025, 8, 1).AddDays(j * 11 + key[2] % 7);
        var claim = new Claim($"B{key[..12]}-{j:D2}", inpatient ? ClaimKind.Inpatient : ClaimKind.ChronicOutpatient, admission,
            inpatient ? admission.AddDays(4) : admission, 1_200m + j * 517.35m + key[3] % 50, Insurance: InsuranceStatus.Resident);
        var input = ClaimInput.Write(claim);
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)));
        return new ClaimQueued(claim.Id, "tumxuk-2025", key, id.Masked, id.BirthDate, version, input,
            string.Create(CultureInfo.InvariantCulture, $"TX-H{key[4] % 20:D3}"));
    }

    /// <summary>Every person's ledger holds all its claims once (not timed): the run really settled what it was given.</summary>
    public static async Task<int> CheckLedgersAsync(StorageAccount storage, List<string> personKeys, int perPerson)
    {
        var store = new ClaimLedgerStore(storage);
        var settled = 0;
        await System.Threading.Tasks.Parallel.ForEachAsync(personKeys, Parallel(32), async (key, ct) =>
        {
            var ledger = await store.LoadAsync(key, "tumxuk-2025", ct) ?? throw new InvalidOperationException("a person has no ledger");
            if (ledger.State.Claims.Count != perPerson)
            {
                throw new InvalidOperationException($"a ledger holds {ledger.State.Claims.Count} claims, not {perPerson}");
            }

            Interlocked.Add(ref settled, ledger.State.Results.Count(r => r.Value.Status == ClaimStatus.Settled));
        });
        return settled;
    }
}
