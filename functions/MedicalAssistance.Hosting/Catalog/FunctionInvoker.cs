using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace MedicalAssistance.Hosting.Catalog;

/// <summary>
/// Runs a function as the worker does: an instance of its class from DI (constructor injection, one per invocation, in the
/// invocation's scope), its parameters bound by <see cref="FunctionArguments"/>, its task awaited and its result returned.
/// </summary>
internal static class FunctionInvoker
{
    private static readonly ConcurrentDictionary<Type, ObjectFactory> Factories = new();

    public static async Task<object?> InvokeAsync(FunctionDescriptor function, IServiceProvider services, FunctionInvocationInput input, CancellationToken cancellationToken)
    {
        var method = function.Method;
        var target = method.IsStatic
            ? null
            : Factories.GetOrAdd(method.DeclaringType!, type => ActivatorUtilities.CreateFactory(type, Type.EmptyTypes))(services, null);
        object? returned;
        try
        {
            returned = method.Invoke(target, FunctionArguments.Bind(function, input, cancellationToken));
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        switch (returned)
        {
            case Task task:
                await task;
                // The declared type, not the task's: an async Task method's task is a Task<VoidTaskResult> at run time.
                return method.ReturnType.IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            default:
                return returned;
        }
    }
}
