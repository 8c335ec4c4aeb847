using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Enrolment;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters.Ledger;
using MedicalAssistance.Functions.Rosters;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// Compares the identity ledger with the cheapest way to store the same rows: entity-group transactions of 100 per partition.
var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var chunk = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000;

var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
try
{
    var storage = new StorageAccount(azurite.ConnectionString);
    var options = Options.Create(new PersonSecurityOptions
    {
        PersonKeySecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        IdEncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    });
    var keys = new PersonKeys(options);
    var department = DemoDepartments.All.Single(d => d.Code == "meizhou-civil");
    var roster = Enumerable.Range(0, rows).Select(i => new RosterRow(i + 2, "测试" + i, MakeId(i).Value, "DIBAO",
        new DateOnly(2025, 2, 20), new DateOnly(2025, 3, 1), null, RosterChange.Add, Insurance: InsuranceStatus.None)).ToList();

    foreach (var table in new[] { "baseline", "persons", "exemptionledger", "policyparameters" })
    {
        await storage.Tables.CreateTableIfNotExistsAsync(table);
    }

    // Baseline: one entity per row (key + the row's fields), 100 per transaction, partitioned like the person table.
    var baseline = storage.Table("baseline");
    var watch = Stopwatch.StartNew();
    var partitions = roster.Select(r =>
    {
        var key = keys.KeyOf(MakeId(r.Row - 2));
        return new TableEntity(PersonKeys.BucketOf(key), key)
        {
            ["Name"] = r.Name, ["IdentityType"] = r.IdentityType, ["DeterminedOn"] = r.DeterminedOn.ToString("O", CultureInfo.InvariantCulture),
            ["Start"] = r.Start.ToString("O", CultureInfo.InvariantCulture), ["Change"] = r.Change.ToString(), ["Row"] = r.Row,
        };
    }).GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(100)).ToList();
    await Parallel.ForEachAsync(partitions, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (batch, ct) =>
        await baseline.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), ct));
    var baselineSeconds = watch.Elapsed.TotalSeconds;

    var parameters = new EnrolmentParameterStore(storage);
    await parameters.PutAsync(department.Profile, 2025, new EnrolmentParameters(380m, SubsidyRatios: new Dictionary<string, decimal> { ["DIBAO"] = 1m }), default);
    var ledger = new RosterLedger(new PersonStore(storage), keys, new IdProtector(options), parameters, TimeProvider.System, NullLogger<RosterLedger>.Instance);
    var batchContext = new RosterBatchContext("bench", department, "bench", new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(8)));
    watch.Restart();
    var applied = 0;
    foreach (var part in roster.Chunk(chunk))
    {
        applied += (await ledger.ApplyAsync(batchContext, part, default)).Count(o => o.Kind == RowOutcomeKind.Applied);
    }

    var ledgerSeconds = watch.Elapsed.TotalSeconds;
    watch.Restart();
    foreach (var part in roster.Chunk(chunk))
    {
        await ledger.ApplyAsync(batchContext, part, default);
    }

    var reapplySeconds = watch.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"rows {rows}, chunk {chunk}, applied {applied}\nbaseline (batched inserts): {baselineSeconds:F1} s, {rows / baselineSeconds:F0} rows/s\n"
        + $"ledger (new persons):       {ledgerSeconds:F1} s, {rows / ledgerSeconds:F0} rows/s, ratio {baselineSeconds / ledgerSeconds:F2}\n"
        + $"ledger re-apply (unchanged): {reapplySeconds:F1} s, {rows / reapplySeconds:F0} rows/s"));
}
finally
{
    await azurite.DisposeAsync();
}

static IdNumber MakeId(int i)
{
    var first17 = string.Create(CultureInfo.InvariantCulture, $"441402{new DateOnly(1950, 1, 1).AddDays(i / 1000):yyyyMMdd}{i % 1000:D3}");
    return IdNumber.TryParse(first17 + IdNumber.CheckCharacter(first17), out var id) ? id : throw new InvalidOperationException();
}
