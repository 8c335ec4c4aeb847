using System.Net.Sockets;
using Azure;

namespace MedicalAssistance.Hosting.Storage;

/// <summary>
/// Whether a failure means storage could not be reached or did not answer (connection refused, a timeout, a 5xx from the
/// service) rather than a bug or a refused request: the API answers it 503 <c>STORAGE_UNAVAILABLE</c>, and a roster batch's
/// report says it is waiting for storage. Azure.Core wraps these after its own retries (AggregateException, inner exceptions).
/// </summary>
public static class StorageUnavailable
{
    public static bool Is(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 or >= 500 } => true,
        RequestFailedException => false,
        HttpRequestException or SocketException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(Is),
        _ => exception.InnerException is { } inner && Is(inner),
    };

    /// <summary>A short description for a report or a log line: the innermost message (no personal data: storage errors name hosts and codes).</summary>
    public static string Describe(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }

        var text = innermost is RequestFailedException failed && failed.ErrorCode is { Length: > 0 } code ? $"{failed.Status} {code}" : innermost.Message;
        return text.Length <= 200 ? text : text[..200];
    }
}
