using System.Text.Json;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Policy.Tests.Golden;

/// <summary>
/// The golden case files (scenario-format.md §8), read at run time from <c>docs/golden</c>, so a case
/// added to the file becomes a new test row without a code change.
/// </summary>
public static class GoldenCases
{
    public static string PublicCasesPath => Path.Combine(RepositoryPaths.Docs, "golden", "public-cases.json");

    private static readonly Lazy<IReadOnlyDictionary<string, GoldenCase>> Cases = new(() => Load(PublicCasesPath));

    public static IReadOnlyDictionary<string, GoldenCase> Public => Cases.Value;

    public static TheoryData<string> PublicNames() => new(Public.Keys);

    /// <summary>
    /// Cases derived by hand from the specification for rules the public file does not cover (G-1, G-4, JY-1, JY-3,
    /// MZ-2, MZ-4, IM-2, IM-3, BS-2, BS-4, TX-1, TX-2, TX-3, …). Same format, kept with the tests.
    /// </summary>
    public static string SpecDerivedCasesPath => Path.Combine(AppContext.BaseDirectory, "Golden", "spec-derived-cases.json");

    private static readonly Lazy<IReadOnlyDictionary<string, GoldenCase>> Derived = new(() => Load(SpecDerivedCasesPath));

    public static IReadOnlyDictionary<string, GoldenCase> SpecDerived => Derived.Value;

    public static TheoryData<string> SpecDerivedNames() => new(SpecDerived.Keys);

    public static IReadOnlyDictionary<string, GoldenCase> Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var cases = new Dictionary<string, GoldenCase>(StringComparer.Ordinal);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var name = item.GetProperty("name").GetString()!;
            cases.Add(name, new GoldenCase(name, item.GetProperty("scenario").GetRawText(), item.GetProperty("expected").Clone()));
        }

        return cases;
    }
}

/// <param name="ScenarioJson">The scenario exactly as in the file.</param>
public sealed record GoldenCase(string Name, string ScenarioJson, JsonElement Expected)
{
    public bool ExpectsError => Expected.TryGetProperty("error", out _);
}
