using System.Text.Json;
using System.Text.RegularExpressions;
using MedicalAssistance.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Hosting.Queues;

/// <summary>A function run for each message of a storage queue. Host-agnostic: typed message in, no queue types.</summary>
/// <remarks>Runs at least once per message: it must be idempotent. Throwing means "retry later".</remarks>
public interface IQueueFunction<TMessage>
{
    Task RunAsync(TMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// A queue function that wants to know when the host gives up on a message (moved to the poison queue), to end its work
/// item as failed instead of leaving it "in progress" for ever. Called once, best effort (a failure is logged); the message
/// stays in the poison queue with its failures recorded either way. Not called for a message it could not read.
/// </summary>
public interface IQueueFunctionGivenUp<TMessage>
{
    Task GivenUpAsync(TMessage message, CancellationToken cancellationToken);
}

/// <summary>A queue and the function that handles its messages.</summary>
/// <param name="GivenUp">Set when the function implements <see cref="IQueueFunctionGivenUp{TMessage}"/>.</param>
public sealed record QueueFunctionRegistration(string QueueName, string FunctionName, Type MessageType, Func<IServiceProvider, BinaryData, CancellationToken, Task> Invoke,
    Func<IServiceProvider, BinaryData, CancellationToken, Task>? GivenUp = null);

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

    /// <summary>
    /// Listens to <paramref name="queueName"/> (when the host serves) and runs <typeparamref name="TFunction"/> for each message,
    /// in a fresh DI scope. Also adds the queue and its <c>-poison</c> twin to the <see cref="StorageLayout"/>.
    /// </summary>
    public static IServiceCollection AddQueueFunction<TMessage, TFunction>(this IServiceCollection services, string queueName)
        where TFunction : class, IQueueFunction<TMessage>
    {
        ValidateQueueName(queueName);
        services.AddStorage(queues: [queueName]);
        return AddRegistration<TMessage, TFunction>(services, _ => queueName);
    }

    /// <summary>
    /// As <see cref="AddQueueFunction{TMessage, TFunction}(IServiceCollection, string)"/>, the queue named by the feature's
    /// options (bound from configuration, so tests and environments use their own names).
    /// </summary>
    public static IServiceCollection AddQueueFunction<TMessage, TFunction, TOptions>(this IServiceCollection services, Func<TOptions, string> queueName)
        where TFunction : class, IQueueFunction<TMessage>
        where TOptions : class
    {
        services.AddStorageQueues(queueName);
        return AddRegistration<TMessage, TFunction>(services, provider => queueName(provider.GetRequiredService<IOptions<TOptions>>().Value));
    }

    private static IServiceCollection AddRegistration<TMessage, TFunction>(IServiceCollection services, Func<IServiceProvider, string> queueName)
        where TFunction : class, IQueueFunction<TMessage>
    {
        services.TryAddScoped<TFunction>();
        services.AddSingleton(provider =>
        {
            var name = queueName(provider);
            ValidateQueueName(name);
            return new QueueFunctionRegistration(name, typeof(TFunction).Name, typeof(TMessage),
                async (scope, body, ct) => await scope.GetRequiredService<TFunction>().RunAsync(Read<TMessage>(body), ct),
                typeof(IQueueFunctionGivenUp<TMessage>).IsAssignableFrom(typeof(TFunction)) ? GivenUpAsync : null);
        });
        return services;

        // The listener never calls this for a message that failed to read (QueueMessageFormatException).
        static async Task GivenUpAsync(IServiceProvider provider, BinaryData body, CancellationToken ct) =>
            await ((IQueueFunctionGivenUp<TMessage>)provider.GetRequiredService<TFunction>()).GivenUpAsync(Read<TMessage>(body), ct);
    }

    /// <summary>The message as the function's type; a body that is not that JSON is a <see cref="QueueMessageFormatException"/>.</summary>
    private static TMessage Read<TMessage>(BinaryData body)
    {
        TMessage? message;
        try
        {
            message = body.ToObjectFromJson<TMessage>(Json);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException)
        {
            throw new QueueMessageFormatException($"The message is not a valid {typeof(TMessage).Name}: {ex.Message}", ex);
        }

        return message ?? throw new QueueMessageFormatException($"The message is JSON null, not a {typeof(TMessage).Name}.");
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
