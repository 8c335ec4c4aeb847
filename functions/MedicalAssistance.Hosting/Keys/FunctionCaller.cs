using System.Text.RegularExpressions;

namespace MedicalAssistance.Hosting.Keys;

/// <summary>Who called, as proven by a function key: the caller's name and the scopes its key grants.</summary>
public sealed record FunctionCaller(string Name, IReadOnlySet<string> Scopes)
{
    public bool HasAnyScope(IEnumerable<string> scopes) => scopes.Any(Scopes.Contains);

    // Records print sets by type name only; show the scopes so log lines and test failures are readable.
    public override string ToString() => $"{Name} [{string.Join(' ', Scopes.Order(StringComparer.Ordinal))}]";
}

/// <summary>
/// The scopes a function key can carry: <c>department:&lt;code&gt;</c>, <c>facility:&lt;code&gt;</c>, <c>staff</c>, <c>portal</c>.
/// Codes are letters, digits, '.', '_' and '-' (they appear in routes and blob paths).
/// </summary>
public static partial class FunctionScopes
{
    public const string Staff = "staff";
    public const string Portal = "portal";

    public static string Department(string code) => "department:" + code;
    public static string Facility(string code) => "facility:" + code;

    public static bool IsValid(string scope) => ScopePattern().IsMatch(scope);

    [GeneratedRegex(@"^(staff|portal|(department|facility):[A-Za-z0-9][A-Za-z0-9._-]{0,63})$", RegexOptions.CultureInvariant)]
    private static partial Regex ScopePattern();
}
