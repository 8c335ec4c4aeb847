using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using MedicalAssistance.Hosting.BlobArrivals;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Tests.Queues;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedicalAssistance.Hosting.Tests.BlobArrivals;

public sealed class BlobArrivalTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private StorageAccount Storage => new(azurite.ConnectionString);

    private BlobArrivalScanner NewScanner() =>
        new(Storage, new BlobReceipts(Storage), new QueueSender(Storage), TimeProvider.System, NullLogger.Instance);

    private async Task<(BlobContainerClient Container, QueueClient Queue, BlobArrivalWatch Watch)> ArrangeAsync(string? prefix = "rosters/")
    {
        var container = Storage.Container(AzuriteFixture.UniqueName("c"));
        await container.CreateIfNotExistsAsync(cancellationToken: Ct);
        var queue = Storage.Queue(AzuriteFixture.UniqueName("q"));
        await Storage.Tables.CreateTableIfNotExistsAsync(BlobReceipts.TableName, Ct);
        return (container, queue, new BlobArrivalWatch(container.Name, prefix, queue.Name));
    }

    private static async Task<List<JsonElement>> DrainAsync(QueueClient queue)
    {
        var messages = new List<JsonElement>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, cancellationToken: Ct)).Value;
            if (batch.Length == 0)
            {
                return messages;
            }

            foreach (var message in batch)
            {
                messages.Add(message.Body.ToObjectFromJson<JsonElement>());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Ct);
            }
        }
    }

    [Fact]
    public async Task A_blob_seen_twice_with_the_same_ETag_yields_one_message_and_a_new_ETag_another()
    {
        var (container, queue, watch) = await ArrangeAsync();
        var blob = container.GetBlobClient("rosters/meizhou-civil/202603/名单.csv");
        var first = (await blob.UploadAsync(BinaryData.FromString("a,b\n1,2\n"), Ct)).Value;
        await container.GetBlobClient("elsewhere/ignored.csv").UploadAsync(BinaryData.FromString("x"), Ct);

        Assert.Equal(1, await NewScanner().ScanAsync(watch, Ct));
        var scanner = NewScanner();
        Assert.Equal(0, await scanner.ScanAsync(watch, Ct));       // a restarted scanner: receipts, not memory
        Assert.Equal(0, await scanner.ScanAsync(watch, Ct));       // the same scanner again: memory
        var messages = await DrainAsync(queue);
        var message = Assert.Single(messages);

        // The Event Grid schema, exactly as Event Grid writes it to a storage queue.
        Assert.Equal("Microsoft.Storage.BlobCreated", message.GetProperty("eventType").GetString());
        Assert.Equal($"/blobServices/default/containers/{container.Name}/blobs/rosters/meizhou-civil/202603/名单.csv", message.GetProperty("subject").GetString());
        Assert.True(message.TryGetProperty("id", out _));
        Assert.True(message.TryGetProperty("eventTime", out _));
        var data = message.GetProperty("data");
        Assert.Equal(first.ETag.ToString().Trim('"'), data.GetProperty("eTag").GetString());
        Assert.Equal(8, data.GetProperty("contentLength").GetInt64());
        Assert.Equal("BlockBlob", data.GetProperty("blobType").GetString());
        Assert.Equal(blob.Uri.ToString(), data.GetProperty("url").GetString());
        Assert.True(data.TryGetProperty("api", out _));
        Assert.True(data.TryGetProperty("contentType", out _));
        Assert.False(message.TryGetProperty("blobName", out _)); // helpers are not part of the schema

        var parsed = message.Deserialize<BlobCreatedEvent>(QueueFunctions.Json)!;
        Assert.Equal(container.Name, parsed.ContainerName);
        Assert.Equal("rosters/meizhou-civil/202603/名单.csv", parsed.BlobName);
        Assert.Equal(first.ETag, parsed.RequestETag);

        var second = (await blob.UploadAsync(BinaryData.FromString("a,b\n3,4\n"), overwrite: true, Ct)).Value;
        Assert.Equal(1, await scanner.ScanAsync(watch, Ct));
        Assert.Equal(0, await NewScanner().ScanAsync(watch, Ct));
        var again = Assert.Single(await DrainAsync(queue)).Deserialize<BlobCreatedEvent>(QueueFunctions.Json)!;
        Assert.Equal(second.ETag.ToString().Trim('"'), again.ETag);
        Assert.NotEqual(parsed.Id, again.Id);
    }

    [Fact]
    public async Task Two_scanners_racing_over_the_same_blobs_send_one_message_per_blob()
    {
        var (container, queue, watch) = await ArrangeAsync(prefix: null);
        for (var i = 0; i < 20; i++)
        {
            await container.GetBlobClient($"file{i}.csv").UploadAsync(BinaryData.FromString($"row {i}"), Ct);
        }

        var sent = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => NewScanner().ScanAsync(watch, Ct), Ct)));

        Assert.Equal(20, sent.Sum());
        var subjects = (await DrainAsync(queue)).Select(m => m.GetProperty("subject").GetString()).ToList();
        Assert.Equal(20, subjects.Count);
        Assert.Equal(20, subjects.Distinct().Count());
    }

    [Fact]
    public async Task The_host_scans_on_its_interval_and_a_queue_function_receives_the_typed_event()
    {
        var (container, queue, _) = await ArrangeAsync();
        var received = new ConcurrentQueue<BlobCreatedEvent>();
        await using var host = await StandaloneTestHost.StartAsync(azurite.ConnectionString, builder =>
        {
            builder.Configuration.AddInMemoryCollection(FastHostSettings.Queues);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Hosting:BlobArrivals:Scan"] = "true",
                ["Hosting:BlobArrivals:ScanInterval"] = "00:00:00.050",
            });
            builder.Services.AddSingleton(received);
            builder.Services.AddBlobArrivals(container.Name, "rosters/", queue.Name);
            builder.AddProbeFunctions(queue.Name, typeof(RecordingBlobFunctions));
        });

        var uploaded = (await container.GetBlobClient("rosters/union/202603/a.csv").UploadAsync(BinaryData.FromString("x"), Ct)).Value;

        await Eventually.HoldsAsync(() => !received.IsEmpty, "the function received the arrival");
        var arrival = Assert.Single(received);
        Assert.Equal((container.Name, "rosters/union/202603/a.csv", uploaded.ETag.ToString().Trim('"')), (arrival.ContainerName, arrival.BlobName, arrival.ETag));
        Assert.True(arrival.IsBlobCreated);
    }

    [Fact]
    public void An_event_grid_message_parses_with_the_helpers()
    {
        // Shape of a real Event Grid BlobCreated event delivered to a storage queue (Event Grid schema).
        const string json = """
            {"topic":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct",
             "subject":"/blobServices/default/containers/rosters/blobs/meizhou-civil/202603/roster.xlsx",
             "eventType":"Microsoft.Storage.BlobCreated","id":"831e1650-001e-001b-66ab-eeb76e069631",
             "data":{"api":"PutBlockList","clientRequestId":"6d79dbfb-0e37-4fc4-981f-442c9ca65760","requestId":"831e1650-001e-001b-66ab-eeb76e000000",
                     "eTag":"0x8D4BCC2E4835CD0","contentType":"application/octet-stream","contentLength":524288,"blobType":"BlockBlob",
                     "url":"https://acct.blob.core.windows.net/rosters/meizhou-civil/202603/roster.xlsx","sequencer":"00000000000004420000000000028963",
                     "storageDiagnostics":{"batchId":"b68529f3-68cd-4744-baa4-3c0498ec19f0"}},
             "dataVersion":"","metadataVersion":"1","eventTime":"2026-03-05T08:00:00.1234567Z"}
            """;

        var parsed = JsonSerializer.Deserialize<BlobCreatedEvent>(json, QueueFunctions.Json)!;

        Assert.Equal("rosters", parsed.ContainerName);
        Assert.Equal("meizhou-civil/202603/roster.xlsx", parsed.BlobName);
        Assert.Equal("0x8D4BCC2E4835CD0", parsed.ETag);
        Assert.Equal(new Azure.ETag("\"0x8D4BCC2E4835CD0\""), parsed.RequestETag);
        Assert.Equal(524288, parsed.Data.ContentLength);
    }
}

public sealed class RecordingBlobFunctions(ConcurrentQueue<BlobCreatedEvent> received)
{
    [Microsoft.Azure.Functions.Worker.Function("RecordBlobArrival")]
    public Task RecordBlobArrival([Microsoft.Azure.Functions.Worker.QueueTrigger("%Test:Queue%")] BlobCreatedEvent message)
    {
        received.Enqueue(message);
        return Task.CompletedTask;
    }
}
