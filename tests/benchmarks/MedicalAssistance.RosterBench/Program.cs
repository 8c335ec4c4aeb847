using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using MedicalAssistance.Contracts.Rosters;
using MedicalAssistance.Functions;
using MedicalAssistance.Functions.Csv;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters.Batches;
using MedicalAssistance.Functions.Rosters.Reading;
using MedicalAssistance.Functions.Rosters.Validation;
using MedicalAssistance.Functions.Rosters;
using MedicalAssistance.Hosting.BlobArrivals;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Verbs: (none) the whole benchmark; "child-ingest <connection> <blob> <secretsFile>" and "child-read <file>" measure one
// ingest's peak working set in a process of its own (VmHWM); child-read also times the read and reports a refused file's
// code (tests/benchmarks/make-xlsx-bombs.py writes the hostile XLSX files of RESULTS.md).
if (args.Length > 0 && args[0] == "child-ingest")
{
    return await Child.IngestAsync(args[1], args[2], args[3]);
}

if (args.Length > 0 && args[0] == "child-read")
{
    return await Child.ReadAsync(args[1]);
}

// "csv <rows> <offset> <file>": writes the benchmark's GB18030 roster (rows of new Meizhou civil-affairs persons from person
// number <offset> on, 1 in 100 with a bad check character) to a file, for pushes to a running ./run.sh (run-sh-pushes.sh).
if (args.Length > 3 && args[0] == "csv")
{
    await using var file = File.Create(args[3]);
    await Roster.WriteCsvAsync(file, int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
    return 0;
}

// "read <rows>": read + validate a generated GB18030 CSV in a child process (no storage), three times: rows/s and peak.
if (args.Length > 1 && args[0] == "read")
{
    var readRows = int.Parse(args[1], CultureInfo.InvariantCulture);
    for (var run = 1; run <= 3; run++)
    {
        var timed = Stopwatch.StartNew();
        var peak = await ReadPeakAsync(readRows);
        Console.WriteLine($"read run {run}: {readRows} rows, {readRows / timed.Elapsed.TotalSeconds:F0} rows/s (child process included), peak {peak / 1024.0:F0} MB");
    }

    return 0;
}

// "memory <small> <large>": only the peak working set of full ingests (part 3), e.g. 100000 1000000.
var memoryOnly = args.Length > 0 && args[0] == "memory";
if (memoryOnly)
{
    args = ["0", .. args[1..]];
}

var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var smallRows = args.Length > 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var largeRows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;

var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
try
{
    var secrets = Secrets.Args();
    var storage = new StorageAccount(azurite.ConnectionString);
    if (memoryOnly)
    {
        await FunctionsApp.StorageLayout().EnsureCreatedAsync(storage, CancellationToken.None);
        foreach (var container in new[] { RosterFiles.Container, RosterFiles.ReportsContainer })
        {
            await storage.Container(container).CreateIfNotExistsAsync();
        }

        await DemoDepartments.SeedAsync(new DepartmentStore(storage), CancellationToken.None);
        var smallPeak = await PeakAsync(storage, azurite.ConnectionString, secrets, smallRows, offset: 1_000_000);
        var largePeak = await PeakAsync(storage, azurite.ConnectionString, secrets, largeRows, offset: 3_000_000);
        Console.WriteLine($"peak working set, full ingest: {smallRows} rows {smallPeak / 1024.0:F0} MB, {largeRows} rows {largePeak / 1024.0:F0} MB, ratio {(double)largePeak / smallPeak:F2}");
        return 0;
    }


    // 1. Drop → finished report, through the real host: blob scanner → roster-files queue → intake → ledger → report.
    var file = Roster.Csv(rows, offset: 0);
    Console.WriteLine($"roster: {rows} rows, GB18030, {file.Length / 1024.0 / 1024.0:F1} MB");
    var ledgerTime = new LedgerStopwatch();
    var app = FunctionsApp.Build(["--urls", "http://127.0.0.1:0", $"--{StorageAccount.ConnectionStringKey}={azurite.ConnectionString}",
        .. secrets, "--Hosting:BlobArrivals:ScanInterval=00:00:00.250", "--AzureFunctionsJobHost:extensions:queues:maxPollingInterval=00:00:00.500",
        "--Logging:LogLevel:Default=Warning"], builder =>
        {
            // The real ledger, timed: tells how much of the ingest is the identity ledger and how much is intake.
            builder.Services.AddSingleton<MedicalAssistance.Functions.Rosters.Ledger.RosterLedger>();
            builder.Services.AddSingleton<IRosterLedger>(sp => new TimedLedger(sp.GetRequiredService<MedicalAssistance.Functions.Rosters.Ledger.RosterLedger>(), ledgerTime));
        });
    await app.StartAsync();
    await FunctionsApp.StorageLayout().EnsureCreatedAsync(storage, CancellationToken.None);
    await DemoDepartments.SeedAsync(new DepartmentStore(storage), CancellationToken.None);
    var blobName = $"meizhou-civil/bench/{rows}-rows.csv";
    var watch = Stopwatch.StartNew();
    await storage.Container(RosterFiles.Container).GetBlobClient(blobName).UploadAsync(new BinaryData(file));
    var batch = await WaitForBatchAsync(storage, blobName);
    var ingest = watch.Elapsed;
    await app.StopAsync();
    await app.DisposeAsync();
    var ingestRate = rows / ingest.TotalSeconds;
    Console.WriteLine($"ingest: {batch.Status} {batch.Rows} rows ({batch.Applied} applied, {batch.Rejected} rejected) in {ingest.TotalSeconds:F1} s = {ingestRate:F0} rows/s");
    Console.WriteLine($"  of which with at least one IRosterLedger.ApplyAsync in flight: {ledgerTime.Busy.TotalSeconds:F1} s (calls summed over the chunks side by side: {ledgerTime.Elapsed.TotalSeconds:F1} s, {ledgerTime.Elapsed.TotalSeconds / Math.Max(0.001, ledgerTime.Busy.TotalSeconds):F1} in parallel on average); with none: {(ingest - ledgerTime.Busy).TotalSeconds:F1} s (read, split, validate, scan and queue latency, completion and report)");

    // 2. Raw baseline: the entities the ingest wrote (persons and audits, exemption ledger, batch and row errors), read back
    //    and written again to fresh tables with entity-group transactions of 100 per partition, 16 partitions in parallel.
    var entities = new List<(string Table, TableEntity Entity)>();
    foreach (var table in new[] { "persons", "exemptionledger", RosterBatchStore.BatchesTable, RosterBatchStore.EntriesTable })
    {
        await foreach (var entity in storage.Table(table).QueryAsync<TableEntity>())
        {
            entities.Add((table, entity));
        }
    }

    var groups = entities.GroupBy(e => (e.Table, e.Entity.PartitionKey))
        .SelectMany(g => g.Select(e => e.Entity).Chunk(100).Select(chunk => (Table: g.Key.Table + "copy", Chunk: chunk)))
        .ToList();
    foreach (var table in groups.Select(g => g.Table).Distinct())
    {
        await storage.Tables.CreateTableIfNotExistsAsync(table);
    }

    watch.Restart();
    await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (group, ct) =>
    {
        foreach (var entity in group.Chunk)
        {
            entity.ETag = default;
        }

        await storage.Table(group.Table).SubmitTransactionAsync(group.Chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
    });
    var baseline = watch.Elapsed;
    var baselineRate = rows / baseline.TotalSeconds;
    Console.WriteLine($"baseline: {entities.Count} entities in {groups.Count} transactions in {baseline.TotalSeconds:F1} s = {baselineRate:F0} rows/s");
    Console.WriteLine($"ratio ingest/baseline: {ingestRate / baselineRate:F2}");

    // 3. Peak working set of one ingest in a child process, for a file and one ten times larger.
    var small = await PeakAsync(storage, azurite.ConnectionString, secrets, smallRows, offset: 1_000_000);
    var large = await PeakAsync(storage, azurite.ConnectionString, secrets, largeRows, offset: 2_000_000);
    Console.WriteLine($"peak working set, full ingest: {smallRows} rows {small / 1024.0:F0} MB, {largeRows} rows {large / 1024.0:F0} MB, ratio {(double)large / small:F2}");
    var readSmall = await ReadPeakAsync(rows);
    var readLarge = await ReadPeakAsync(rows * 10);
    Console.WriteLine($"peak working set, read + validate: {rows} rows {readSmall / 1024.0:F0} MB, {rows * 10} rows {readLarge / 1024.0:F0} MB, ratio {(double)readLarge / readSmall:F2}");
    return 0;
}
finally
{
    await azurite.DisposeAsync();
}

static async Task<RosterBatchRecord> WaitForBatchAsync(StorageAccount storage, string blobName)
{
    var table = storage.Table(RosterBatchStore.BatchesTable);
    while (true)
    {
        await foreach (var batch in table.QueryAsync<RosterBatchRecord>(b => b.BlobName == blobName))
        {
            if (batch.Status is RosterBatchStatus.Done or RosterBatchStatus.Failed)
            {
                return batch;
            }
        }

        await Task.Delay(200);
    }
}

static async Task<long> PeakAsync(StorageAccount storage, string connection, string[] secrets, int rows, int offset)
{
    var blobName = $"meizhou-civil/bench-memory/{rows}-rows.csv";
    await storage.Container(RosterFiles.Container).GetBlobClient(blobName).UploadAsync(new BinaryData(Roster.Csv(rows, offset)), overwrite: true);
    var secretsFile = Path.GetTempFileName();
    await File.WriteAllLinesAsync(secretsFile, secrets);
    try
    {
        return await RunChildAsync("child-ingest", connection, blobName, secretsFile);
    }
    finally
    {
        File.Delete(secretsFile);
    }
}

static async Task<long> ReadPeakAsync(int rows)
{
    var path = Path.GetTempFileName();
    try
    {
        await using (var stream = File.Create(path))
        {
            await Roster.WriteCsvAsync(stream, rows, offset: 0);
        }

        return await RunChildAsync("child-read", path);
    }
    finally
    {
        File.Delete(path);
    }
}

static async Task<long> RunChildAsync(params string[] childArgs)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
    if (!Environment.ProcessPath!.EndsWith("RosterBench", StringComparison.Ordinal))
    {
        start.ArgumentList.Add(typeof(Roster).Assembly.Location);
    }

    foreach (var arg in childArgs)
    {
        start.ArgumentList.Add(arg);
    }

    var started = Stopwatch.StartNew();
    using var child = Process.Start(start)!;
    var output = await child.StandardOutput.ReadToEndAsync();
    await child.WaitForExitAsync();
    var line = output.Split('\n').LastOrDefault(l => l.StartsWith("VmHWM", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"child {childArgs[0]} failed ({child.ExitCode}):\n{output}");
    Console.WriteLine($"  child {childArgs[0]}: {output.Split('\n')[0]} in {started.Elapsed.TotalSeconds:F1} s");
    return long.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}

/// <summary>Generated rosters: valid ID numbers, Meizhou civil-affairs types, about 1 row in 100 invalid.</summary>
internal static class Roster
{
    /// <summary>测试 and the number in Chinese digits: a name holds no digits (PersonNames).</summary>
    private static string NameFor(int n) => "测试" + string.Concat(n.ToString(CultureInfo.InvariantCulture).Select(d => "〇一二三四五六七八九"[d - '0']));

    public static byte[] Csv(int rows, int offset)
    {
        using var memory = new MemoryStream();
        WriteCsvAsync(memory, rows, offset).GetAwaiter().GetResult();
        return memory.ToArray();
    }

    public static async Task WriteCsvAsync(Stream stream, int rows, int offset)
    {
        await using var writer = new StreamWriter(stream, TextEncodingSniffer.Gb18030, 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(CsvCells.Line(RosterColumns.All.Select(RosterColumns.ChineseName)));
        string[] types = ["低保对象", "特困人员", "低保边缘家庭成员", "孤儿"];
        for (var i = 0; i < rows; i++)
        {
            var n = offset + i;
            var birth = new DateOnly(1940, 1, 1).AddDays(n % 25000);
            var first17 = $"441402{birth:yyyyMMdd}{n / 25000 % 1000:D3}";
            var id = first17 + (i % 100 == 99 ? 'Y' : IdNumber.CheckCharacter(first17));
            await writer.WriteLineAsync(CsvCells.Line(NameFor(n), id, types[n % types.Length], "2025-01-15", "2025-02-01", null, "新增", "13800138000", "居民", "441402"));
        }
    }
}

/// <summary>
/// Time in the ledger. Chunks are applied side by side, so there are two figures: the summed time of every call (what the
/// ledger costs in all) and the wall time during which at least one call was in flight (what the ingest waited for it).
/// </summary>
internal sealed class LedgerStopwatch
{
    private readonly Lock _gate = new();
    private long _summedTicks;
    private long _busyTicks;
    private int _inFlight;
    private long _busySince;

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _summedTicks));

    public TimeSpan Busy
    {
        get
        {
            lock (_gate)
            {
                return TimeSpan.FromTicks(_busyTicks);
            }
        }
    }

    public long Enter()
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (_inFlight++ == 0)
            {
                _busySince = now;
            }
        }

        return now;
    }

    public void Exit(long started)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref _summedTicks, Stopwatch.GetElapsedTime(started, now).Ticks);
        lock (_gate)
        {
            if (--_inFlight == 0)
            {
                _busyTicks += Stopwatch.GetElapsedTime(_busySince, now).Ticks;
            }
        }
    }
}

internal sealed class TimedLedger(IRosterLedger inner, LedgerStopwatch stopwatch) : IRosterLedger
{
    public async Task<IReadOnlyList<RowOutcome>> ApplyAsync(RosterBatchContext batch, IReadOnlyList<RosterRow> rows, CancellationToken cancellationToken)
    {
        var started = stopwatch.Enter();
        try
        {
            return await inner.ApplyAsync(batch, rows, cancellationToken);
        }
        finally
        {
            stopwatch.Exit(started);
        }
    }
}

internal static class Secrets
{
    public static string[] Args() =>
    [
        $"--Security:PersonKeySecret={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
        $"--Security:IdEncryptionKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
        "--Security:IdEncryptionKeyId=bench",
    ];
}

internal static class Child
{
    /// <summary>One ingest through the real services (no web server), then the process's peak resident set.</summary>
    public static async Task<int> IngestAsync(string connection, string blobName, string secretsFile)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // A 1,000,000-row file is about 70 MB, above the 50 MB default limit for a department's file.
            Args = [$"--{StorageAccount.ConnectionStringKey}={connection}", .. await File.ReadAllLinesAsync(secretsFile), "--Logging:LogLevel:Default=Warning",
                "--Rosters:MaxFileBytes=1000000000"],
        });
        builder.Services.AddFunctionsCore(builder.Configuration);
        using var host = builder.Build();
        var started = await host.Services.GetRequiredService<RosterIngest>().RunAsync(new RosterFileArrived(blobName, null), CancellationToken.None);
        // The chunks of the split, applied here one after another (their queue messages then find the batch done).
        var batch = started;
        if (started is { Status: not RosterBatchStatus.Failed })
        {
            await host.Services.GetRequiredService<MedicalAssistance.Functions.Rosters.Chunks.RosterChunkApplier>().ApplyAllAsync(started.Department, started.BatchId, CancellationToken.None);
            batch = await host.Services.GetRequiredService<RosterBatchStore>().GetAsync(started.Department, started.BatchId, CancellationToken.None);
        }

        Console.WriteLine($"{batch?.Status} {batch?.Rows} rows, {batch?.Applied} applied, {batch?.Rejected} rejected {batch?.FailureReason}");
        if (batch?.Status != RosterBatchStatus.Done)
        {
            // No peak for an ingest that did not run: the parent stops with this output.
            return 1;
        }

        Console.WriteLine(PeakLine());
        return 0;
    }

    /// <summary>Reads and validates a roster file (no storage): the streaming part alone.</summary>
    public static async Task<int> ReadAsync(string path)
    {
        var department = DemoDepartments.All.Single(d => d.Code == "meizhou-civil");
        var checker = new RosterRowChecker(department, new DateOnly(2025, 12, 31));
        int good = 0, bad = 0;
        var started = Stopwatch.StartNew();
        try
        {
            await using var source = await RosterFileReader.OpenAsync(File.OpenRead(path), path, long.MaxValue, CancellationToken.None);
            var errors = new List<MedicalAssistance.Functions.Rosters.RowError>();
            while (await source.NextAsync(CancellationToken.None) is { } row)
            {
                errors.Clear();
                if (checker.Check(row, errors) is null)
                {
                    bad++;
                }
                else
                {
                    good++;
                }
            }
        }
        catch (RosterFileException ex)
        {
            // A hostile file (bench "bombs"): the refusal and the peak it cost.
            Console.WriteLine($"refused {ex.Code} after {started.Elapsed.TotalSeconds:F2} s");
            Console.WriteLine(PeakLine());
            return 0;
        }

        Console.WriteLine($"read {good} good, {bad} rejected in {started.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine(PeakLine());
        return 0;
    }

    private static string PeakLine() =>
        File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM", StringComparison.Ordinal));
}
