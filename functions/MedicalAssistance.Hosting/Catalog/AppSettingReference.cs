using System.Text.RegularExpressions;

namespace MedicalAssistance.Hosting.Catalog;

/// <summary>
/// Trigger values written <c>%name%</c> are app settings, as the Functions host resolves them (binding expressions): both
/// hosts read one value from configuration, so tests and environments can use their own queue names and schedules.
/// </summary>
public static partial class AppSettingReference
{
    /// <summary>Replaces each <c>%name%</c> with configuration <c>name</c>; a setting that is not set is an error naming it.</summary>
    public static string Resolve(string declared, IConfiguration configuration, string function) =>
        Reference().Replace(declared, match =>
        {
            var name = match.Groups[1].Value;
            return configuration[name] is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException(
                    $"Function '{function}' names app setting '{name}' ({declared}), which is not set. Add it to appsettings.json, the environment (e.g. {name.Replace(":", "__", StringComparison.Ordinal)}) or local.settings.json.");
        });

    [GeneratedRegex("%([^%]+)%", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
