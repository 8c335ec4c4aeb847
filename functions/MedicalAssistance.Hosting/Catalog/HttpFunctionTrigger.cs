namespace MedicalAssistance.Hosting.Catalog;

/// <summary><c>[HttpTrigger]</c>: the methods (upper case) and the route under the host's route prefix (<c>api</c>).</summary>
public sealed record HttpFunctionTrigger(IReadOnlyList<string> Methods, string Route) : FunctionTrigger
{
    public override string BindingType => "httpTrigger";
}
