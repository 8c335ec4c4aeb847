using System.Globalization;
using System.Text.Json;

namespace MedicalAssistance.Policy.Validation;

/// <summary>Reads the scenario's JSON value kinds (scenario-format.md §2). Shared by the validators and the mapper.</summary>
internal static class JsonValues
{
    public static JsonElement Get(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    /// <summary>Present = neither missing nor null.</summary>
    public static bool IsPresent(this JsonElement element) => element.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);

    public static bool IsAbsentOr(this JsonElement element, JsonValueKind kind) => !element.IsPresent() || element.ValueKind == kind;

    public static bool IsAbsentOrBoolean(this JsonElement element) =>
        !element.IsPresent() || element.ValueKind is JsonValueKind.True or JsonValueKind.False;

    public static bool TryDate(this JsonElement element, out DateOnly date)
    {
        date = default;
        return element.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(element.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    public static DateOnly Date(this JsonElement element) =>
        element.TryDate(out var date) ? date : throw new InvalidOperationException("Not a validated date.");

    public static DateOnly? OptionalDate(this JsonElement element) => element.IsPresent() ? element.Date() : null;

    public static bool TryNumber(this JsonElement element, out decimal value)
    {
        value = 0m;
        return element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out value);
    }

    public static bool HasAtMostDecimals(decimal value, int decimals) => value == decimal.Round(value, decimals);

    /// <summary>A validated money value, normalised to 2 decimals.</summary>
    public static decimal Money(this JsonElement element) => element.TryNumber(out var value)
        ? decimal.Round(value, 2, MidpointRounding.AwayFromZero)
        : throw new InvalidOperationException("Not a validated amount.");

    public static decimal? OptionalMoney(this JsonElement element) => element.IsPresent() ? element.Money() : null;

    public static decimal Ratio(this JsonElement element) => element.TryNumber(out var value)
        ? value
        : throw new InvalidOperationException("Not a validated ratio.");

    public static bool Boolean(this JsonElement element, bool absent) => element.IsPresent() ? element.GetBoolean() : absent;

    public static string? OptionalString(this JsonElement element) => element.IsPresent() ? element.GetString() : null;
}
