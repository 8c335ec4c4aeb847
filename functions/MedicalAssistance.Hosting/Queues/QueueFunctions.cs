using System.Text.Json;
using System.Text.RegularExpressions;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Catalog;

namespace MedicalAssistance.Hosting.Queues;

/// <summary>A <c>[QueueTrigger]</c> function as the standalone host listens for it: the resolved queue and how to run one message.</summary>
public sealed record QueueFunctionRegistration(string QueueName, string FunctionName, Func<IServiceProvider, BinaryData, CancellationToken, Task> Invoke);

/// <summary>The message could not be read as the function's message type: retrying cannot help, so it goes to poison at once.</summary>
public sealed class QueueMessageFormatException(string message, Exception? inner = null) : Exception(message, inner);

public static partial class QueueFunctions
{
    /// <summary>
    /// Messages are JSON with System.Text.Json's web defaults (camelCase), the same for <see cref="QueueSender"/> and listeners.
    /// Missing constructor parameters and nulls in non-nullable members are errors, so a malformed message goes to poison at
    /// once instead of failing five times with a NullReferenceException.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public const string PoisonSuffix = StorageLayout.PoisonSuffix;

    /// <summary>The listener of <paramref name="function"/>: its queue resolved from the app settings it names.</summary>
    internal static QueueFunctionRegistration Register(FunctionDescriptor function, QueueFunctionTrigger trigger, IConfiguration configuration)
    {
        var queue = AppSettingReference.Resolve(trigger.QueueName, configuration, function.Name);
        ValidateQueueName(queue.EndsWith(PoisonSuffix, StringComparison.Ordinal) ? queue[..^PoisonSuffix.Length] : queue);
        return new QueueFunctionRegistration(queue, function.Name,
            (provider, body, ct) => FunctionInvoker.InvokeAsync(function, provider, new FunctionInvocationInput(Message: body), ct));
    }

    /// <summary>Azure queue names: 3-63 lower-case letters, digits and single hyphens; ours leave room for "-poison".</summary>
    internal static void ValidateQueueName(string queueName)
    {
        if (!QueueNamePattern().IsMatch(queueName) || queueName.Contains("--", StringComparison.Ordinal) || queueName.Length > 63 - PoisonSuffix.Length)
        {
            throw new ArgumentException($"'{queueName}' is not a valid queue name (3-56 lower-case letters, digits and single hyphens).", nameof(queueName));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex QueueNamePattern();
}
