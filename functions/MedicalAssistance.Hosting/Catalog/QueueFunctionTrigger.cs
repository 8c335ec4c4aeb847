using System.Reflection;

namespace MedicalAssistance.Hosting.Catalog;

/// <summary>
/// <c>[QueueTrigger]</c>: the queue name as declared (an app setting reference such as <c>%Claims:Queue%</c>, resolved by
/// <see cref="AppSettingReference"/>) and the parameter the message is bound to.
/// </summary>
public sealed record QueueFunctionTrigger(string QueueName, ParameterInfo Message) : FunctionTrigger
{
    public override string BindingType => "queueTrigger";
}
