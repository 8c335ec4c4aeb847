using Azure.Data.Tables;
using MedicalAssistance.Contracts.Rosters;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Rosters.Batches;
using MedicalAssistance.Functions.Rosters.Reading;
using MedicalAssistance.Functions.Rosters;
using MedicalAssistance.Functions.Tests.Hosting;
using MedicalAssistance.Hosting.BlobArrivals;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.Extensions.DependencyInjection;
using static MedicalAssistance.Functions.Tests.Rosters.TestRosters;

namespace MedicalAssistance.Functions.Tests.Rosters;

/// <summary>A roster whose processing keeps failing (storage, or a bug) ends as a failed batch, not "processing" for ever.</summary>
public sealed class RosterGivenUpTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class BrokenLedger : IRosterLedger
    {
        public int Calls;

        public Task<IReadOnlyList<RowOutcome>> ApplyAsync(RosterBatchContext batch, IReadOnlyList<RosterRow> rows, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            throw new TimeoutException("storage did not answer");
        }
    }

    /// <summary>A host over the test Azurite with <paramref name="ledger"/> in place of the identity ledger, its own roster container and queues.</summary>
    private async Task<RunningApp> StartHostAsync(IRosterLedger ledger, string container, string chunkQueue)
    {
        // Command-line configuration: the roster and queue settings are read when the services are registered.
        var host = await RunningApp.StartAsync(FunctionsApp.Build(
        [
            .. RunningApp.LoopbackArgs, $"--{StorageAccount.ConnectionStringKey}={azurite.ConnectionString}", .. TestSecrets.Args,
            $"--Rosters:Container={container}", $"--Rosters:ReportsContainer={AzuriteFixture.UniqueName("reports")}",
            $"--Rosters:Queue={AzuriteFixture.UniqueName("rosterq")}", $"--Rosters:ChunkQueue={chunkQueue}",
            "--Hosting:BlobArrivals:ScanInterval=00:00:00.100",
            .. FastHostSettings.Queues.Where(s => s.Key != "Hosting:BlobArrivals:Scan").Select(s => $"--{s.Key}={s.Value}"),
        ], builder => builder.Services.AddSingleton(ledger)), Ct);
        await FunctionsApp.StorageLayout().EnsureCreatedAsync(new StorageAccount(azurite.ConnectionString), Ct);
        await DemoDepartments.SeedAsync(host.Services.GetRequiredService<DepartmentStore>(), Ct);
        return host;
    }

    /// <summary>
    /// Storage out of reach for the ledger (503 ServerBusy): the first attempt fails, the second is held until the test has read
    /// the report, the third fails and the batch is given up.
    /// </summary>
    private sealed class UnreachableLedger : IRosterLedger
    {
        public TaskCompletionSource SecondAttempt { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public async Task<IReadOnlyList<RowOutcome>> ApplyAsync(RosterBatchContext batch, IReadOnlyList<RosterRow> rows, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 2)
            {
                SecondAttempt.TrySetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }

            throw new Azure.RequestFailedException(503, "The server is busy.", "ServerBusy", null);
        }
    }

    [Fact]
    public async Task A_batch_waiting_for_storage_says_so_in_its_report_and_names_storage_when_it_is_given_up()
    {
        var container = AzuriteFixture.UniqueName("rosters");
        var ledger = new UnreachableLedger();
        await using var host = await StartHostAsync(ledger, container, AzuriteFixture.UniqueName("chunkq"));
        var storage = new StorageAccount(azurite.ConnectionString);
        var blobName = $"meizhou-civil/{AzuriteFixture.UniqueName("stalled")}/roster.csv";
        var upload = await storage.Container(container).GetBlobClient(blobName).UploadAsync(new BinaryData(CsvFile([Row(7201), Row(7202)], Gb18030)), Ct);
        var batchId = RosterFiles.BatchIdFor(blobName, upload.Value.ETag.ToString());
        var reports = host.Services.GetRequiredService<MedicalAssistance.Functions.Rosters.Http.RosterBatchReportReader>();

        await ledger.SecondAttempt.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        var waiting = await reports.RunAsync("meizhou-civil", batchId, Ct);

        Assert.Equal(RosterBatchStatus.Processing, waiting!.Status);
        Assert.NotNull(waiting.Stalled);
        Assert.Equal(1, waiting.Stalled.Chunks);
        Assert.Equal("503 ServerBusy", waiting.Stalled.Reason);
        Assert.Contains("存储服务暂时不可用", waiting.Stalled.Message, StringComparison.Ordinal);

        ledger.Release.SetResult();
        var batches = host.Services.GetRequiredService<RosterBatchStore>();
        await Eventually.HoldsAsync(async () => (await batches.GetAsync("meizhou-civil", batchId, Ct))?.Status == RosterBatchStatus.Failed,
            "the batch ended as failed", TimeSpan.FromSeconds(60));
        var failed = (await reports.RunAsync("meizhou-civil", batchId, Ct))!;
        Assert.Equal(RosterFileErrorCodes.ProcessingFailed, failed.FailureCode);
        Assert.Contains("存储服务多次不可用（503 ServerBusy）", failed.FailureReason, StringComparison.Ordinal);
        Assert.Null(failed.Stalled);
    }

    [Fact]
    public async Task A_file_whose_message_is_given_up_ends_as_a_failed_batch_with_a_reason_and_its_failures_recorded()
    {
        var container = AzuriteFixture.UniqueName("rosters");
        var chunkQueue = AzuriteFixture.UniqueName("chunkq");
        var ledger = new BrokenLedger();
        await using var host = await StartHostAsync(ledger, container, chunkQueue);
        var storage = new StorageAccount(azurite.ConnectionString);

        var blobName = $"meizhou-civil/{AzuriteFixture.UniqueName("given-up")}/roster.csv";
        var upload = await storage.Container(container).GetBlobClient(blobName).UploadAsync(new BinaryData(CsvFile([Row(7101), Row(7102)], Gb18030)), Ct);
        var batchId = RosterFiles.BatchIdFor(blobName, upload.Value.ETag.ToString());
        var batches = host.Services.GetRequiredService<RosterBatchStore>();

        await Eventually.HoldsAsync(async () => (await batches.GetAsync("meizhou-civil", batchId, Ct))?.Status == RosterBatchStatus.Failed,
            "the batch ended as failed", TimeSpan.FromSeconds(60));

        var batch = (await batches.GetAsync("meizhou-civil", batchId, Ct))!;
        Assert.Equal(RosterFileErrorCodes.ProcessingFailed, batch.FailureCode);
        Assert.Contains("文件已保留", batch.FailureReason, StringComparison.Ordinal);
        Assert.Equal(3, ledger.Calls); // maxDequeueCount attempts, then given up
        // The file was split; its chunk's message is the one that kept failing in the ledger. It went to the poison queue, whose
        // function ended the batch; what failed, and when, stays in the failures table for the operator.
        var failures = await storage.Table(QueueFailures.TableName)
            .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {chunkQueue}"), cancellationToken: Ct).ToListAsync(Ct);
        Assert.Equal(3, failures.Count);
        Assert.Single(failures, f => f.GetString("PoisonMessageId") is not null);
    }
}
