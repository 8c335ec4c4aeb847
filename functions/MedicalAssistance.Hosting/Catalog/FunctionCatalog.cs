using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Hosting.Catalog;

/// <summary>
/// The functions the app declares: every public method with <c>[Function]</c> on the given types, with its trigger read from
/// the attribute on one of its parameters. The standalone host serves exactly these — there is no second list to keep in
/// step with the attributes (a test compares this table with the SDK's <c>functions.metadata</c>).
/// </summary>
public sealed class FunctionCatalog
{
    private readonly Dictionary<string, FunctionDescriptor> _byName;

    private FunctionCatalog(IReadOnlyList<FunctionDescriptor> functions)
    {
        Functions = functions;
        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"More than one function is named '{duplicate.Key}': {string.Join(", ", duplicate.Select(f => f.EntryPoint))}");
        }

        _byName = functions.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    public FunctionDescriptor? Find(string name) => _byName.GetValueOrDefault(name);

    public IEnumerable<(FunctionDescriptor Function, T Trigger)> OfTrigger<T>() where T : FunctionTrigger =>
        Functions.Where(f => f.Trigger is T).Select(f => (f, (T)f.Trigger));

    /// <summary>These functions (tests serve a declared function under a name of their own).</summary>
    public static FunctionCatalog Of(IEnumerable<FunctionDescriptor> functions) => new([.. functions]);

    /// <summary>Every function declared in <paramref name="assembly"/>.</summary>
    public static FunctionCatalog FromAssembly(Assembly assembly) => FromTypes(assembly.GetTypes());

    /// <summary>The functions declared on <paramref name="types"/> (tests serve a few of their own).</summary>
    public static FunctionCatalog FromTypes(IEnumerable<Type> types) =>
        new([.. types
            .Where(t => t is { IsClass: true, IsAbstract: false } || t is { IsAbstract: true, IsSealed: true })
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .OrderBy(m => m.GetCustomAttribute<FunctionAttribute>()!.Name, StringComparer.Ordinal)
            .Select(Describe)]);

    private static FunctionDescriptor Describe(MethodInfo method)
    {
        var name = method.GetCustomAttribute<FunctionAttribute>()!.Name;
        var triggers = method.GetParameters()
            .Select(p => (Parameter: p, Trigger: Trigger(p)))
            .Where(x => x.Trigger is not null)
            .ToList();
        if (triggers.Count != 1)
        {
            throw new InvalidOperationException($"Function '{name}' ({method.DeclaringType!.FullName}.{method.Name}) must have exactly one trigger parameter; it has {triggers.Count}.");
        }

        var descriptor = new FunctionDescriptor(name, method, triggers[0].Trigger!);
        FunctionArguments.Check(descriptor);
        return descriptor;
    }

    private static FunctionTrigger? Trigger(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
        {
            var methods = (http.Methods is { Length: > 0 } declared ? declared : ["get", "post"]).Select(m => m.ToUpperInvariant()).ToList();
            return new HttpFunctionTrigger(methods, (http.Route ?? ((MethodInfo)parameter.Member).GetCustomAttribute<FunctionAttribute>()!.Name).Trim('/'));
        }

        if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
        {
            return new QueueFunctionTrigger(queue.QueueName, parameter);
        }

        return parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer ? new TimerFunctionTrigger(timer.Schedule) : null;
    }
}
