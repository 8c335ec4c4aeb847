using System.Text.Json;

namespace MedicalAssistance.Functions.Rosters.Reading;

/// <summary>How roster rows are read from JSON, the HTTP push and its stored blob alike.</summary>
public static class RosterJson
{
    /// <summary>Web defaults; a repeated key (<c>"name"</c> twice) is refused: which value the department meant cannot be known.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { AllowDuplicateProperties = false };

    /// <summary>Whether System.Text.Json refused the text for a repeated key (it has no error code of its own for it).</summary>
    public static bool IsDuplicateKey(JsonException exception) =>
        exception.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase);
}
