using Azure.Data.Tables;
using Azure.Storage.Queues;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Tests.Telemetry;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedicalAssistance.Hosting.Tests.Queues;

public sealed class QueueFunctionTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private StorageAccount Storage => new(azurite.ConnectionString);

    private static async Task<int> LengthAsync(QueueClient queue) =>
        (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount;

    [Fact]
    public async Task A_message_failing_maxDequeueCount_times_moves_to_poison_intact_with_each_failure_recorded()
    {
        var queue = AzuriteFixture.UniqueName("q");
        var probe = new QueueProbe { Behaviour = (_, attempt, _) => throw new InvalidOperationException($"attempt {attempt} broke") };
        await using var host = await QueueTestHost.StartAsync(azurite.ConnectionString, queue, probe);
        // Sent by hand (not via QueueSender) so the exact bytes, spacing and key order included, can be compared.
        const string original = """{ "id" : "m1", "text": "原文 unchanged",  "extra": [1, 2] }""";
        await Storage.Queue(queue).SendMessageAsync(original, Ct);

        var poison = Storage.Queue(queue + "-poison");
        await Eventually.HoldsAsync(async () => await LengthAsync(poison) == 1, "the message is in the poison queue");
        await Eventually.HoldsAsync(async () => await LengthAsync(Storage.Queue(queue)) == 0, "the message left its queue");

        Assert.Equal(3, probe.Attempts["m1"]);
        var poisoned = (await poison.ReceiveMessageAsync(cancellationToken: Ct)).Value;
        Assert.Equal(original, poisoned.Body.ToString());

        var rows = await Storage.Table(QueueFailures.TableName)
            .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {queue}"), cancellationToken: Ct).ToListAsync(Ct);
        Assert.Equal([1, 2, 3], rows.Select(r => r.GetInt64("DequeueCount") ?? r.GetInt32("DequeueCount")).Order().Select(n => (int)n!.Value));
        Assert.All(rows, r => Assert.Equal(typeof(InvalidOperationException).FullName, r.GetString("ExceptionType")));
        var last = Assert.Single(rows, r => r.GetString("PoisonMessageId") is not null);
        Assert.Equal("attempt 3 broke", last.GetString("ExceptionMessage"));
        Assert.Equal(poisoned.MessageId, last.GetString("PoisonMessageId"));
        Assert.Equal(ProbeQueueFunctions.Name, last.GetString("FunctionName"));
    }

    [Fact]
    public async Task A_function_on_the_poison_queue_hears_once_that_the_host_gave_up_on_a_message()
    {
        var queue = AzuriteFixture.UniqueName("q");
        var probe = new QueueProbe { Behaviour = (_, attempt, _) => throw new InvalidOperationException($"attempt {attempt} broke") };
        await using var host = await QueueTestHost.StartAsync(azurite.ConnectionString, queue, probe, null, typeof(ProbeQueueFunctions), typeof(ProbeGivenUpFunctions));
        await new QueueSender(Storage).SendAsync(queue, new TestMessage("m1", "given up"), Ct);

        // As in Azure: the poison twin is a queue like any other, and its function can end the work item as failed.
        await Eventually.HoldsAsync(() => !probe.GivenUp.IsEmpty, "the poison queue's function received the message");
        Assert.Equal(("m1", 3), (Assert.Single(probe.GivenUp).Id, probe.Attempts["m1"]));
        await Eventually.HoldsAsync(async () => await LengthAsync(Storage.Queue(queue + "-poison")) == 0, "the poison function completed it");
    }

    [Fact]
    public async Task A_handler_that_crashes_half_way_is_retried_and_its_effect_happens_once()
    {
        var queue = AzuriteFixture.UniqueName("q");
        var effects = Storage.Table(AzuriteFixture.UniqueName("effects"));
        await effects.CreateIfNotExistsAsync(Ct);
        var probe = new QueueProbe
        {
            // The effect is keyed by the message id (an idempotent handler); the first attempt dies after writing it.
            Behaviour = async (message, attempt, ct) =>
            {
                var exists = await effects.GetEntityIfExistsAsync<TableEntity>("payment", message.Id, cancellationToken: ct);
                if (!exists.HasValue)
                {
                    await effects.AddEntityAsync(new TableEntity("payment", message.Id) { ["Amount"] = 100m.ToString(System.Globalization.CultureInfo.InvariantCulture) }, ct);
                }

                if (attempt == 1)
                {
                    throw new IOException("crashed half-way");
                }
            },
        };
        await using var host = await QueueTestHost.StartAsync(azurite.ConnectionString, queue, probe);

        await new QueueSender(Storage).SendAsync(queue, new TestMessage("pay-1", "pay once"), Ct);

        await Eventually.HoldsAsync(() => probe.Completed.Count == 1, "the retry completed");
        await Eventually.HoldsAsync(async () => await LengthAsync(Storage.Queue(queue)) == 0, "the message is deleted after completion");
        Assert.Equal(2, probe.Attempts["pay-1"]);
        Assert.Single(await effects.QueryAsync<TableEntity>(cancellationToken: Ct).ToListAsync(Ct));
        Assert.Equal(0, await LengthAsync(Storage.Queue(queue + "-poison")));
    }

    [Fact]
    public async Task Messages_are_handled_concurrently_up_to_batchSize_and_never_more()
    {
        var queue = AzuriteFixture.UniqueName("q");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new QueueProbe();
        probe.Behaviour = async (_, _, ct) =>
        {
            if (probe.MaxConcurrent >= 4)
            {
                release.TrySetResult();
            }

            await release.Task.WaitAsync(ct);
        };
        // All messages wait before the host starts, so the first batch is full.
        var sender = new QueueSender(Storage);
        for (var i = 0; i < 10; i++)
        {
            await sender.SendAsync(queue, new TestMessage($"c{i}", "work"), Ct);
        }

        await using var host = await QueueTestHost.StartAsync(azurite.ConnectionString, queue, probe, new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:queues:batchSize"] = "4",
            ["AzureFunctionsJobHost:extensions:queues:newBatchThreshold"] = "2",
        });

        await Eventually.HoldsAsync(() => probe.Completed.Count == 10, "all ten messages completed");
        Assert.Equal(4, probe.MaxConcurrent);
        Assert.All(probe.Attempts.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task A_long_handler_keeps_its_message_invisible_and_it_is_deleted_only_when_done()
    {
        var queue = AzuriteFixture.UniqueName("q");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new QueueProbe
        {
            Behaviour = async (_, _, ct) =>
            {
                started.TrySetResult();
                await release.Task.WaitAsync(ct);
            },
        };
        // A six-second lease (renewed every two seconds, so a loaded test machine has slack): without renewal the message
        // would reappear and run a second time while the first still runs.
        await using var host = await QueueTestHost.StartAsync(azurite.ConnectionString, queue, probe,
            new Dictionary<string, string?> { ["Hosting:Queues:MessageLease"] = "00:00:06" });
        using var renewals = new MessageLeaseRenewals(queue);
        await new QueueSender(Storage).SendAsync(queue, new TestMessage("long", "slow work"), Ct);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        // Five renewals, two seconds apart: at least ten seconds since the message was received, well past its six-second
        // lease. Without the renewals it would have reappeared and started a second attempt by now.
        await Eventually.HoldsAsync(() => renewals.Count >= 5, "the message's lease was renewed five times", TimeSpan.FromSeconds(40));
        Assert.Equal(1, probe.Attempts["long"]);
        Assert.Equal(1, await LengthAsync(Storage.Queue(queue)));

        release.SetResult();
        await Eventually.HoldsAsync(async () => await LengthAsync(Storage.Queue(queue)) == 0, "the message is deleted after completion");
        Assert.Equal(1, probe.Attempts["long"]);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"id":"no-text"}""")]
    [InlineData("""{"id":"null-text","text":null}""")]
    public async Task A_message_that_is_not_the_expected_json_goes_to_poison_after_one_attempt(string body)
    {
        var queue = AzuriteFixture.UniqueName("q");
        var probe = new QueueProbe();
        await using var host = await QueueTestHost.StartAsync(azurite.ConnectionString, queue, probe);
        await Storage.Queue(queue).SendMessageAsync(body, Ct);

        var poison = Storage.Queue(queue + "-poison");
        await Eventually.HoldsAsync(async () => await LengthAsync(poison) == 1, "the message is in the poison queue");
        Assert.Equal(body, (await poison.ReceiveMessageAsync(cancellationToken: Ct)).Value.Body.ToString());
        Assert.Empty(probe.Attempts);
        var failure = Assert.Single(await Storage.Table(QueueFailures.TableName)
            .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {queue}"), cancellationToken: Ct).ToListAsync(Ct));
        Assert.Equal(typeof(QueueMessageFormatException).FullName, failure.GetString("ExceptionType"));
    }

    [Fact]
    public async Task Stopping_the_host_lets_a_running_handler_finish_and_its_message_is_deleted()
    {
        var queue = AzuriteFixture.UniqueName("q");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new QueueProbe
        {
            Behaviour = async (_, _, _) =>
            {
                started.TrySetResult();
                await release.Task; // ignores the token: it must not be cancelled within the shutdown timeout
            },
        };
        var host = await QueueTestHost.StartAsync(azurite.ConnectionString, queue, probe);
        await new QueueSender(Storage).SendAsync(queue, new TestMessage("inflight", "finish me"), Ct);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        var stopping = host.DisposeAsync().AsTask();
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Single(probe.Completed);
        Assert.Equal(0, await LengthAsync(Storage.Queue(queue)));
    }

    [Fact]
    public async Task An_empty_queue_is_polled_with_exponential_back_off_up_to_maxPollingInterval_and_a_message_resets_it()
    {
        var queue = AzuriteFixture.UniqueName("q");
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var logs = new ScopeCapturingProvider();
        var probe = new QueueProbe();
        await using var host = await StandaloneTestHost.StartAsync(azurite.ConnectionString, builder =>
        {
            builder.Configuration.AddInMemoryCollection(FastHostSettings.Queues);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Hosting:Queues:MinPollingInterval"] = "00:00:01",
                ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:04",
            });
            builder.Logging.AddProvider(logs);
            builder.Logging.AddFilter<ScopeCapturingProvider>(null, Microsoft.Extensions.Logging.LogLevel.Debug);
            builder.Services.AddSingleton<TimeProvider>(time);
            builder.Services.AddSingleton(probe);
            builder.AddProbeFunctions(queue, typeof(ProbeQueueFunctions));
        });
        List<string> Waits() => [.. logs.Entries.Select(e => e.Message).Where(m => m.StartsWith($"Queue {queue} is empty", StringComparison.Ordinal))
            .Select(m => m[(m.LastIndexOf(' ') + 1)..])];

        // Each empty poll doubles the wait (on the fake clock) until maxPollingInterval.
        string[] expected = ["00:00:01", "00:00:02", "00:00:04", "00:00:04"];
        for (var poll = 0; poll < expected.Length; poll++)
        {
            await Eventually.HoldsAsync(() => Waits().Count > poll, $"empty poll {poll + 1}");
            Assert.Equal(poll + 1, Waits().Count); // the clock has not moved: no further poll yet
            Assert.Equal(expected[poll], Waits()[poll]);
            time.Advance(TimeSpan.Parse(expected[poll], System.Globalization.CultureInfo.InvariantCulture));
        }

        // A message arrives: it is handled, and the wait after the next empty poll starts again from the minimum.
        await Eventually.HoldsAsync(() => Waits().Count == 5, "the fifth empty poll");
        await new QueueSender(Storage).SendAsync(queue, new TestMessage("wake", "up"), Ct);
        time.Advance(TimeSpan.FromSeconds(4));
        await Eventually.HoldsAsync(() => probe.Completed.Count == 1, "the message was handled");
        await Eventually.HoldsAsync(() => Waits().Count == 6, "the next empty poll");
        Assert.Equal("00:00:01", Waits()[^1]);
    }
}
