using Azure.Storage.Queues.Models;
using Azure.Storage.Queues;
using Azure;
using MedicalAssistance.Hosting.Settings;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Telemetry;

namespace MedicalAssistance.Hosting.Queues;

/// <summary>
/// Listens to one queue with Azure Functions' queue-trigger semantics (architecture.md §3):
/// fetches up to <c>batchSize</c> messages and handles them concurrently, fetching again once no more than
/// <c>newBatchThreshold</c> are still running (never more than <c>batchSize</c> at once); backs off exponentially up to
/// <c>maxPollingInterval</c> while the queue is empty; keeps a message invisible while its handler runs (renewing its lease); deletes it only after
/// its handler completed; after a failure makes it visible again after <c>visibilityTimeout</c>, and after
/// <c>maxDequeueCount</c> failed attempts moves the original body to <c>&lt;queue&gt;-poison</c> with the failure recorded.
/// </summary>
internal sealed partial class QueueListener(
    QueueFunctionRegistration registration,
    StorageAccount storage,
    QueueFailures failures,
    IServiceScopeFactory scopes,
    HostSettings settings,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan LengthSampleInterval = TimeSpan.FromSeconds(15);

    private readonly QueueClient _queue = storage.Queue(registration.QueueName);
    private readonly QueueClient _poison = storage.Queue(registration.QueueName + QueueFunctions.PoisonSuffix);
    private readonly QueueSettings _options = settings.Queues;
    private readonly HashSet<Task> _inFlight = [];
    private DateTimeOffset _lastLengthSample = DateTimeOffset.MinValue;

    public string QueueName => registration.QueueName;

    /// <summary>
    /// Receives until <paramref name="stopReceiving"/> is cancelled, then lets running handlers finish; handlers are cancelled
    /// only when <paramref name="abortHandlers"/> is (the shutdown timeout).
    /// </summary>
    public async Task RunAsync(CancellationToken stopReceiving, CancellationToken abortHandlers)
    {
        await EnsureQueuesAsync(stopReceiving);
        LogListening(logger, registration.QueueName, registration.FunctionName, _options.BatchSize, _options.MaxDequeueCount);
        var wait = _options.MinPollingInterval;
        while (!stopReceiving.IsCancellationRequested)
        {
            try
            {
                var running = RunningCount();
                if (running >= _options.BatchSize || running > _options.NewBatchThreshold)
                {
                    await WhenAnyHandlerEnds(stopReceiving);
                    continue;
                }

                var want = Math.Min(32, _options.BatchSize - running);
                QueueMessage[] messages = await _queue.ReceiveMessagesAsync(want, _options.MessageLease, stopReceiving);
                SampleLength(stopReceiving);
                if (messages.Length == 0)
                {
                    // The timer is armed before the line is logged: whoever reads the line (a test moving a fake clock) can
                    // count on the wait having started.
                    var delay = Task.Delay(wait, time, stopReceiving);
                    LogEmpty(logger, registration.QueueName, wait);
                    await delay;
                    wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, _options.MaxPollingInterval.Ticks));
                    continue;
                }

                wait = _options.MinPollingInterval;
                foreach (var message in messages)
                {
                    Track(HandleAsync(message, abortHandlers));
                }
            }
            catch (OperationCanceledException) when (stopReceiving.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Storage unreachable or the queue deleted (or anything else): keep listening, backing off like an empty queue.
                LogReceiveFailed(logger, registration.QueueName, ex);
                await Task.Delay(_options.MaxPollingInterval, time, stopReceiving).ContinueWith(_ => { }, TaskScheduler.Default);
                await TryEnsureQueuesAsync(stopReceiving);
            }
        }

        Task[] remaining;
        lock (_inFlight)
        {
            remaining = [.. _inFlight];
        }

        await Task.WhenAll(remaining);
        LogStopped(logger, registration.QueueName);
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken abortHandlers)
    {
        // Let the receive loop go on at once; the handler runs on the thread pool.
        await Task.Yield();
        using var invocation = FunctionInvocation.Start(logger, "queue", registration.FunctionName,
            new("Queue", registration.QueueName), new("MessageId", message.MessageId), new("DequeueCount", message.DequeueCount));
        var receipt = new Receipt(message.PopReceipt);
        try
        {
            if (message.DequeueCount > _options.MaxDequeueCount)
            {
                // Received more often than allowed without a recorded failure: hosts died while handling it.
                var tooMany = new InvalidOperationException(
                    $"The message was received {message.DequeueCount} times (maxDequeueCount {_options.MaxDequeueCount}) without completing.");
                invocation.Failed(tooMany);
                await MoveToPoisonAsync(message, receipt, invocation, tooMany);
                return;
            }

            Exception? failure = null;
            using (var handlerToken = CancellationTokenSource.CreateLinkedTokenSource(abortHandlers))
            {
                handlerToken.CancelAfter(settings.FunctionTimeout);
                using var keepInvisible = new CancellationTokenSource();
                var renewal = KeepInvisibleAsync(message, receipt, keepInvisible.Token);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await registration.Invoke(scope.ServiceProvider, message.Body, handlerToken.Token);
                }
                catch (Exception ex)
                {
                    failure = ex is OperationCanceledException && handlerToken.IsCancellationRequested && !abortHandlers.IsCancellationRequested
                        ? new TimeoutException($"The function did not finish within functionTimeout ({settings.FunctionTimeout}).", ex)
                        : ex;
                }
                finally
                {
                    await keepInvisible.CancelAsync();
                    await renewal;
                }
            }

            if (failure is null)
            {
                invocation.Succeeded();
                await _queue.DeleteMessageAsync(message.MessageId, receipt.PopReceipt, CancellationToken.None);
                LogCompleted(logger, registration.FunctionName, message.MessageId);
                return;
            }

            invocation.Failed(failure);
            if (abortHandlers.IsCancellationRequested && failure is OperationCanceledException)
            {
                // Shutdown cut the handler short: hand the message back at once for another host.
                LogAbandoned(logger, registration.FunctionName, message.MessageId);
                await _queue.UpdateMessageAsync(message.MessageId, receipt.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
                return;
            }

            if (failure is QueueMessageFormatException || message.DequeueCount >= _options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, receipt, invocation, failure);
                return;
            }

            LogFailed(logger, registration.FunctionName, message.MessageId, message.DequeueCount, _options.MaxDequeueCount, failure);
            await failures.RecordAsync(registration.QueueName, registration.FunctionName, invocation.InvocationId, message, failure, null, time.GetUtcNow(), CancellationToken.None);
            await _queue.UpdateMessageAsync(message.MessageId, receipt.PopReceipt, visibilityTimeout: _options.VisibilityTimeout, cancellationToken: CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The message's pop receipt went stale (its lease ran out) or storage failed: it becomes visible again
            // and is handled again, which idempotent handlers tolerate. Nothing may escape: this task is not awaited.
            LogSettleFailed(logger, registration.FunctionName, message.MessageId, ex);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, Receipt receipt, FunctionInvocation invocation, Exception failure)
    {
        // Original body as received (the client decodes and re-encodes base64), kept forever: nothing is lost.
        var sent = await _poison.SendMessageAsync(message.Body, visibilityTimeout: null, timeToLive: TimeSpan.FromSeconds(-1), CancellationToken.None);
        await failures.RecordAsync(registration.QueueName, registration.FunctionName, invocation.InvocationId, message, failure, sent.Value.MessageId, time.GetUtcNow(), CancellationToken.None);
        await _queue.DeleteMessageAsync(message.MessageId, receipt.PopReceipt, CancellationToken.None);
        FunctionsTelemetry.PoisonMessages.Add(1, new KeyValuePair<string, object?>("queue", registration.QueueName));
        LogPoisoned(logger, registration.FunctionName, message.MessageId, message.DequeueCount, registration.QueueName + QueueFunctions.PoisonSuffix, failure);
    }

    /// <summary>
    /// Renews the message's invisibility every third of its lease until cancelled (two chances before it would reappear;
    /// queue visibility has one-second resolution); keeps the newest pop receipt.
    /// </summary>
    private async Task KeepInvisibleAsync(QueueMessage message, Receipt receipt, CancellationToken stop)
    {
        var every = _options.MessageLease / 3;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, stop);
                var updated = await _queue.UpdateMessageAsync(message.MessageId, receipt.PopReceipt, visibilityTimeout: _options.MessageLease, cancellationToken: stop);
                receipt.PopReceipt = updated.Value.PopReceipt;
                FunctionsTelemetry.MessageLeaseRenewals.Add(1, new KeyValuePair<string, object?>("queue", _queue.Name));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Try again at the next tick; the lease still has two thirds left.
                LogRenewFailed(logger, registration.FunctionName, message.MessageId, ex);
            }
        }
    }

    private async Task EnsureQueuesAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && !await TryEnsureQueuesAsync(ct))
        {
            await Task.Delay(_options.MaxPollingInterval, time, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<bool> TryEnsureQueuesAsync(CancellationToken ct)
    {
        try
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: ct);
            await _poison.CreateIfNotExistsAsync(cancellationToken: ct);
            await storage.Tables.CreateTableIfNotExistsAsync(QueueFailures.TableName, ct);
            return true;
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException)
        {
            LogReceiveFailed(logger, registration.QueueName, ex);
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void SampleLength(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (now - _lastLengthSample < LengthSampleInterval)
        {
            return;
        }

        _lastLengthSample = now;
        _ = Task.Run(async () =>
        {
            try
            {
                var properties = await _queue.GetPropertiesAsync(ct);
                FunctionsTelemetry.RecordQueueLength(registration.QueueName, properties.Value.ApproximateMessagesCount);
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or OperationCanceledException or AggregateException)
            {
                // A metric sample is not worth a log line.
            }
        }, CancellationToken.None);
    }

    private int RunningCount()
    {
        lock (_inFlight)
        {
            return _inFlight.Count;
        }
    }

    private void Track(Task handler)
    {
        lock (_inFlight)
        {
            _inFlight.Add(handler);
        }

        handler.ContinueWith(done =>
        {
            lock (_inFlight)
            {
                _inFlight.Remove(done);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task WhenAnyHandlerEnds(CancellationToken ct)
    {
        Task[] running;
        lock (_inFlight)
        {
            running = [.. _inFlight];
        }

        if (running.Length > 0)
        {
            await Task.WhenAny(running).WaitAsync(ct);
        }
    }

    private sealed class Receipt(string popReceipt)
    {
        public string PopReceipt { get; set; } = popReceipt;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue listener started: {Queue} -> {Function} (batchSize {BatchSize}, maxDequeueCount {MaxDequeueCount})")]
    private static partial void LogListening(ILogger logger, string queue, string function, int batchSize, int maxDequeueCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue {Queue} is empty; next poll in {Wait}")]
    private static partial void LogEmpty(ILogger logger, string queue, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue listener stopped: {Queue}")]
    private static partial void LogStopped(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Function} completed message {MessageId}")]
    private static partial void LogCompleted(ILogger logger, string function, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} failed on message {MessageId} (attempt {DequeueCount} of {MaxDequeueCount}); it will be retried")]
    private static partial void LogFailed(ILogger logger, string function, string messageId, long dequeueCount, int maxDequeueCount, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} gave up on message {MessageId} after {DequeueCount} attempts; moved to {PoisonQueue}")]
    private static partial void LogPoisoned(ILogger logger, string function, string messageId, long dequeueCount, string poisonQueue, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} was stopped by shutdown on message {MessageId}; the message is released for another attempt")]
    private static partial void LogAbandoned(ILogger logger, string function, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: could not settle message {MessageId}; it will be delivered again")]
    private static partial void LogSettleFailed(ILogger logger, string function, string messageId, Exception exception);


    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: could not extend the invisibility of message {MessageId}")]
    private static partial void LogRenewFailed(ILogger logger, string function, string messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: receiving failed; retrying")]
    private static partial void LogReceiveFailed(ILogger logger, string queue, Exception exception);
}
