using System.Text;
using Azure.Storage.Blobs;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Rosters.Batches;
using MedicalAssistance.Functions.Rosters.Chunks;
using MedicalAssistance.Functions.Rosters.Deadlines;
using MedicalAssistance.Functions.Rosters.Http;
using MedicalAssistance.Functions.Rosters;
using MedicalAssistance.Functions.Tests.Rosters.Ledger;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Tests.Rosters;

/// <summary>
/// The real intake pipeline over the test Azurite: real ledger (private person tables), real departments, private batch
/// tables. Each <see cref="NewFunction"/> is a fresh instance, as after a host restart.
/// </summary>
internal sealed class RosterPipeline
{
    private RosterPipeline(StorageAccount storage, LedgerHarness ledger, RosterBatchStore batches, DepartmentStore departments, RosterOptions options)
    {
        Storage = storage;
        Ledger = ledger;
        Batches = batches;
        Departments = departments;
        Options = options;
    }

    public StorageAccount Storage { get; }
    public LedgerHarness Ledger { get; }
    public RosterBatchStore Batches { get; }
    public DepartmentStore Departments { get; }
    public RosterOptions Options { get; }
    public string Prefix { get; } = AzuriteFixture.UniqueName("t");

    public static async Task<RosterPipeline> CreateAsync(AzuriteFixture azurite, RosterOptions? options = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var ledger = await LedgerHarness.CreateAsync(azurite, DateTimeOffset.UtcNow);
        var storage = ledger.Storage;
        var names = new[] { AzuriteFixture.UniqueName("batches"), AzuriteFixture.UniqueName("rowerrors"), AzuriteFixture.UniqueName("depts") };
        foreach (var name in names)
        {
            await storage.Tables.CreateTableIfNotExistsAsync(name, ct);
        }

        // Private containers too: a test host's blob scanner elsewhere in the run never picks these files up.
        options ??= new RosterOptions();
        options.Container = AzuriteFixture.UniqueName("rosters");
        options.ReportsContainer = AzuriteFixture.UniqueName("reports");
        options.StagingContainer = AzuriteFixture.UniqueName("staging");
        options.ChunkQueue = AzuriteFixture.UniqueName("chunkq");
        await storage.Queue(options.ChunkQueue).CreateIfNotExistsAsync(cancellationToken: ct);
        await storage.Tables.CreateTableIfNotExistsAsync(RosterChunkStore.Table, ct);
        foreach (var container in new[] { options.Container, options.ReportsContainer, options.StagingContainer })
        {
            await storage.Container(container).CreateIfNotExistsAsync(cancellationToken: ct);
        }

        var departments = new DepartmentStore(storage, names[2]);
        await DemoDepartments.SeedAsync(departments, ct);
        return new RosterPipeline(storage, ledger, new RosterBatchStore(storage, names[0], names[1]), departments, options);
    }

    public RosterChunkStore Chunks => new(Storage);

    private RosterBatchCompletion NewCompletion() =>
        new(Storage, Batches, Chunks, new RosterReportWriter(Storage, Batches, Microsoft.Extensions.Options.Options.Create(Options)),
            Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System, NullLogger<RosterBatchCompletion>.Instance);

    /// <summary>The file stage (split and chunk messages), a fresh instance as after a host restart.</summary>
    public RosterIngest NewFunction() => new(
        Storage, Batches, Departments, Chunks, Ledger.Keys, Ledger.Protector, new QueueSender(Storage), new RosterDeadlines(),
        new RosterReportWriter(Storage, Batches, Microsoft.Extensions.Options.Options.Create(Options)), NewCompletion(),
        Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System, NullLogger<RosterIngest>.Instance);

    /// <summary>The chunk stage over <paramref name="ledger"/> (the real one by default).</summary>
    public RosterChunkApplier NewApplier(IRosterLedger? ledger = null) => new(
        Storage, Batches, Chunks, Departments, ledger ?? Ledger.NewLedger(), Ledger.Protector, NewCompletion(),
        Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System, NullLogger<RosterChunkApplier>.Instance);

    public RosterBatchReportReader NewReports() => new(Batches, Chunks, Microsoft.Extensions.Options.Options.Create(Options));

    /// <summary>Drops a file as a department would: <c>rosters/{department}/{unique}/{fileName}</c>.</summary>
    public async Task<string> DropAsync(string department, byte[] content, string fileName = "roster.csv")
    {
        var name = $"{department}/{Prefix}/{Guid.NewGuid():N}/{fileName}";
        await Container.GetBlobClient(name).UploadAsync(new BinaryData(content), TestContext.Current.CancellationToken);
        return name;
    }

    public BlobContainerClient Container => Storage.Container(Options.Container);

    /// <summary>
    /// The whole batch as the host runs it: the file stage, then every message of the private chunk queue handled and deleted
    /// one by one (a message whose handler dies stays on the queue, invisible for a while, as on a real host).
    /// </summary>
    public async Task<RosterBatchRecord> IngestAsync(string blobName, IRosterLedger? ledger = null, CancellationToken? cancellationToken = null)
    {
        var ct = cancellationToken ?? TestContext.Current.CancellationToken;
        var batch = await NewFunction().RunAsync(new RosterFileArrived(blobName, null), ct) ?? throw new InvalidOperationException("The file vanished");
        var queue = Storage.Queue(Options.ChunkQueue);
        var applier = NewApplier(ledger);
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), ct)).Value;
            if (messages.Length == 0)
            {
                break;
            }

            foreach (var message in messages)
            {
                await applier.ApplyAsync(message.Body.ToObjectFromJson<RosterChunkMessage>(Json)!, ct);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            }
        }

        return await Batches.GetAsync(batch.Department, batch.BatchId, ct) ?? batch;
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>Rows the chunks have applied so far.</summary>
    public async Task<int> AppliedSoFarAsync(string batchId) =>
        (await Chunks.ListAsync(batchId, TestContext.Current.CancellationToken)).Sum(c => c.Done);

    public async Task<List<RosterRowEntry>> EntriesAsync(string batchId)
    {
        var entries = new List<RosterRowEntry>();
        await foreach (var e in Batches.ReadEntriesAsync(batchId, null, null, TestContext.Current.CancellationToken))
        {
            entries.Add(e);
        }

        return entries;
    }

    public async Task<byte[]> ReportCsvAsync(RosterBatchRecord batch)
    {
        var download = await Storage.Container(Options.ReportsContainer).GetBlobClient(batch.ReportBlob).DownloadContentAsync(TestContext.Current.CancellationToken);
        return download.Value.Content.ToArray();
    }

    public async Task<string[]> ReportLinesAsync(RosterBatchRecord batch)
    {
        var bytes = await ReportCsvAsync(batch);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}
