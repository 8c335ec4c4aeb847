using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Hosting.Queues;

/// <summary>
/// Table <c>queuefailures</c>: one row per failed attempt (PartitionKey = queue, RowKey = message id + attempt), with the
/// exception's type and message. The row of the last attempt names the message id it got in the poison queue, where the
/// original body waits untouched. Exception messages must never carry personal data (a project rule), so they are safe here.
/// </summary>
public sealed class QueueFailures(StorageAccount storage)
{
    public const string TableName = "queuefailures";
    private const int MaxText = 8_000;

    public async Task RecordAsync(string queueName, string functionName, string invocationId, QueueMessage message, Exception exception,
        string? poisonMessageId, DateTimeOffset failedAt, CancellationToken ct)
    {
        var entity = new TableEntity(queueName, $"{message.MessageId}-{message.DequeueCount:D4}")
        {
            ["MessageId"] = message.MessageId,
            ["DequeueCount"] = message.DequeueCount,
            ["FunctionName"] = functionName,
            ["InvocationId"] = invocationId,
            ["ExceptionType"] = exception.GetType().FullName,
            ["ExceptionMessage"] = Trim(exception.Message),
            ["FailedAt"] = failedAt,
            ["PoisonMessageId"] = poisonMessageId,
        };
        await storage.Table(TableName).UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
    }

    private static string Trim(string text) => text.Length <= MaxText ? text : text[..MaxText];
}
