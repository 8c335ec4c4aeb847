namespace MedicalAssistance.Hosting.Keys;

/// <summary>
/// The function needs a function key (header <c>x-functions-key</c> or <c>?code=</c>) granting any one of
/// <see cref="Scopes"/> (none listed: any valid key). A scope may name route values, e.g. <c>department:{department}</c>.
/// On a class it applies to each of its functions; every attribute (class and method) must hold.
/// </summary>
/// <remarks>
/// Functions are declared <c>AuthorizationLevel.Anonymous</c> and this is checked by the app (<see cref="FunctionKeyGuard"/>)
/// under both hosts: the Functions host's own keys carry no scopes, and a department key must reach only its department.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
public sealed class FunctionKeyAttribute(params string[] scopes) : Attribute
{
    public IReadOnlyList<string> Scopes { get; } = scopes;
}
