using System.Text.Json;

namespace MedicalAssistance.Policy.Tests.Golden;

/// <summary>
/// The comparison rules of scenario-format.md §8: errors by field and code; results with claims matched by id and years
/// by year, every expected field equal (money as decimals, alerts as a set, null as null), unknown fields ignored.
/// </summary>
public static class GoldenComparison
{
    /// <summary>The differences between an expected object and the engine's output; empty when they agree.</summary>
    public static IReadOnlyList<string> Differences(JsonElement expected, JsonElement actual)
    {
        var differences = new List<string>();
        if (expected.TryGetProperty("error", out var expectedError))
        {
            if (!actual.TryGetProperty("error", out var actualError))
            {
                differences.Add($"expected error {expectedError.GetRawText()}, got a result");
                return differences;
            }

            foreach (var key in new[] { "field", "code" })
            {
                var want = expectedError.GetProperty(key).GetString();
                var got = actualError.TryGetProperty(key, out var v) ? v.GetString() : null;
                if (want != got)
                {
                    differences.Add($"error.{key}: expected {want}, got {got}");
                }
            }

            return differences;
        }

        if (actual.TryGetProperty("error", out var unexpected))
        {
            differences.Add($"expected a result, got error {unexpected.GetRawText()}");
            return differences;
        }

        CompareKeyed(expected, actual, "claims", "id", differences);
        CompareKeyed(expected, actual, "years", "year", differences);
        if (expected.TryGetProperty("totals", out var totals))
        {
            CompareObject(totals, actual.GetProperty("totals"), "totals", differences);
        }

        return differences;
    }

    private static void CompareKeyed(JsonElement expected, JsonElement actual, string list, string key, List<string> differences)
    {
        if (!expected.TryGetProperty(list, out var expectedItems))
        {
            return;
        }

        var actualItems = actual.GetProperty(list).EnumerateArray().ToDictionary(e => e.GetProperty(key).GetRawText());
        var expectedKeys = expectedItems.EnumerateArray().Select(e => e.GetProperty(key).GetRawText()).ToHashSet();
        if (!expectedKeys.SetEquals(actualItems.Keys))
        {
            differences.Add($"{list}: expected {key}s [{string.Join(", ", expectedKeys.Order())}], got [{string.Join(", ", actualItems.Keys.Order())}]");
            return;
        }

        foreach (var item in expectedItems.EnumerateArray())
        {
            var id = item.GetProperty(key).GetRawText();
            CompareObject(item, actualItems[id], $"{list}[{key}={id}]", differences);
        }
    }

    private static void CompareObject(JsonElement expected, JsonElement actual, string path, List<string> differences)
    {
        foreach (var property in expected.EnumerateObject())
        {
            var where = $"{path}.{property.Name}";
            if (!actual.TryGetProperty(property.Name, out var got))
            {
                differences.Add($"{where}: missing");
                continue;
            }

            var want = property.Value;
            var equal = want.ValueKind switch
            {
                JsonValueKind.Number => got.ValueKind == JsonValueKind.Number && want.GetDecimal() == got.GetDecimal(),
                JsonValueKind.Null => got.ValueKind == JsonValueKind.Null,
                JsonValueKind.Array when property.Name == "alerts" => got.ValueKind == JsonValueKind.Array
                    && want.EnumerateArray().Select(a => a.GetString()).ToHashSet().SetEquals(got.EnumerateArray().Select(a => a.GetString())),
                _ => want.GetRawText() == got.GetRawText(),
            };
            if (!equal)
            {
                differences.Add($"{where}: expected {want.GetRawText()}, got {got.GetRawText()}");
            }
        }
    }
}
