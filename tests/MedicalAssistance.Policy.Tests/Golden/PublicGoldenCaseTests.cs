using System.Text.Json;
using MedicalAssistance.Policy.Simulation;

namespace MedicalAssistance.Policy.Tests.Golden;

/// <summary>Every public golden case through <see cref="SimulationRunner"/>, the code path of the command and the endpoint.</summary>
public sealed class PublicGoldenCaseTests
{
    [Theory]
    [MemberData(nameof(GoldenCases.PublicNames), MemberType = typeof(GoldenCases))]
    public void Golden_case_matches(string name) => Check(GoldenCases.Public[name]);

    [Theory]
    [MemberData(nameof(GoldenCases.SpecDerivedNames), MemberType = typeof(GoldenCases))]
    public void Spec_derived_case_matches(string name) => Check(GoldenCases.SpecDerived[name]);

    private static void Check(GoldenCase golden)
    {
        var output = SimulationRunner.Run(golden.ScenarioJson);

        using var actual = JsonDocument.Parse(output.Json);
        Assert.Equal(!golden.ExpectsError, output.Ok);
        var differences = GoldenComparison.Differences(golden.Expected, actual.RootElement);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences) + Environment.NewLine + output.Json);
    }

    [Fact]
    public void The_public_file_holds_cases()
    {
        Assert.NotEmpty(GoldenCases.Public);
    }
}
