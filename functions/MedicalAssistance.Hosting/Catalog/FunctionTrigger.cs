namespace MedicalAssistance.Hosting.Catalog;

/// <summary>What starts a function: an HTTP request, a queue message or a schedule.</summary>
public abstract record FunctionTrigger
{
    /// <summary>The binding type as written in <c>functions.metadata</c> (<c>httpTrigger</c>, <c>queueTrigger</c>, <c>timerTrigger</c>).</summary>
    public abstract string BindingType { get; }
}
