using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using MedicalAssistance.Hosting.Queues;
using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Hosting.Catalog;

/// <summary>
/// What the standalone host can bind to a function's parameters — the subset of the worker's bindings this app uses:
/// <see cref="HttpRequest"/>, route values by parameter name, the queue message (JSON, as <see cref="QueueFunctions.Json"/>,
/// or <see cref="string"/>/<see cref="BinaryData"/>), <see cref="TimerInfo"/> and <see cref="CancellationToken"/>.
/// Anything else is refused when the catalog is built, so a function the host cannot run fails at start-up, not on a request.
/// </summary>
public static class FunctionArguments
{
    /// <summary>Throws when a parameter of <paramref name="function"/> is one the standalone host cannot bind.</summary>
    internal static void Check(FunctionDescriptor function)
    {
        foreach (var parameter in function.Method.GetParameters())
        {
            var type = parameter.ParameterType;
            var bindable = type == typeof(CancellationToken)
                || (function.Trigger is HttpFunctionTrigger http && (type == typeof(HttpRequest) || IsRouteValue(http, parameter)))
                || (function.Trigger is QueueFunctionTrigger queue && queue.Message.Position == parameter.Position)
                || (function.Trigger is TimerFunctionTrigger && type == typeof(TimerInfo));
            if (!bindable)
            {
                throw new InvalidOperationException(
                    $"Function '{function.Name}': the standalone host cannot bind parameter '{parameter.Name}' ({type.Name}). "
                    + "Take HttpRequest, route values, the queue message, TimerInfo or CancellationToken; get services through the constructor.");
            }
        }
    }

    private static bool IsRouteValue(HttpFunctionTrigger http, ParameterInfo parameter) =>
        http.Route.Contains("{" + parameter.Name, StringComparison.Ordinal)
        && (parameter.ParameterType == typeof(string) || TypeDescriptor.GetConverter(parameter.ParameterType).CanConvertFrom(typeof(string)));

    /// <summary>The arguments of one invocation, in parameter order.</summary>
    internal static object?[] Bind(FunctionDescriptor function, FunctionInvocationInput input, CancellationToken cancellationToken) =>
        [.. function.Method.GetParameters().Select(parameter => BindOne(function, parameter, input, cancellationToken))];

    private static object? BindOne(FunctionDescriptor function, ParameterInfo parameter, FunctionInvocationInput input, CancellationToken cancellationToken)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken))
        {
            return cancellationToken;
        }

        switch (function.Trigger)
        {
            case HttpFunctionTrigger when type == typeof(HttpRequest):
                return input.Http!.Request;
            case HttpFunctionTrigger:
                var value = input.Http!.Request.RouteValues[parameter.Name!];
                if (value is null || type.IsInstanceOfType(value))
                {
                    return value;
                }

                try
                {
                    return TypeDescriptor.GetConverter(type).ConvertFrom(null, CultureInfo.InvariantCulture, Convert.ToString(value, CultureInfo.InvariantCulture)!);
                }
                catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException or OverflowException)
                {
                    throw new RouteValueException(parameter.Name!, value, type, ex);
                }
            case QueueFunctionTrigger:
                return ReadMessage(input.Message!, type);
            default:
                return input.Timer;
        }
    }

    /// <summary>The message as the parameter's type; a body that is not that JSON is a <see cref="QueueMessageFormatException"/> (poison at once).</summary>
    private static object ReadMessage(BinaryData body, Type type)
    {
        if (type == typeof(BinaryData))
        {
            return body;
        }

        if (type == typeof(string))
        {
            return body.ToString();
        }

        object? message;
        try
        {
            message = System.Text.Json.JsonSerializer.Deserialize(body.ToMemory().Span, type, QueueFunctions.Json);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or ArgumentException)
        {
            throw new QueueMessageFormatException($"The message is not a valid {type.Name}: {ex.Message}", ex);
        }

        return message ?? throw new QueueMessageFormatException($"The message is JSON null, not a {type.Name}.");
    }
}
