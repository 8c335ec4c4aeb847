using System.Reflection;

namespace MedicalAssistance.Hosting.Catalog;

/// <summary>
/// One <c>[Function]</c> method as its attributes declare it: the name, the trigger, and the method that runs. The Functions
/// host reads the same attributes (through the Worker SDK's generated <c>functions.metadata</c>).
/// </summary>
/// <param name="EntryPoint">As in <c>functions.metadata</c>: <c>Namespace.Type.Method</c>.</param>
public sealed record FunctionDescriptor(string Name, MethodInfo Method, FunctionTrigger Trigger)
{
    public string EntryPoint => $"{Method.DeclaringType!.FullName}.{Method.Name}";

    /// <summary>Attributes of the method, then of its class (so a class-level requirement applies to each of its functions).</summary>
    public IEnumerable<T> Attributes<T>() where T : Attribute =>
        Method.GetCustomAttributes<T>(inherit: true).Concat(Method.DeclaringType!.GetCustomAttributes<T>(inherit: true));
}
