namespace MedicalAssistance.Hosting.Catalog;

/// <summary>A route value that does not convert to its parameter's type (<c>/…/2026x</c> for an <c>int year</c>): the caller's error, a 400.</summary>
public sealed class RouteValueException(string name, object value, Type type, Exception inner)
    : Exception($"Route value '{name}' ('{value}') is not a valid {type.Name}.", inner)
{
    public string Name { get; } = name;
}
