using System.Globalization;
using System.Text.Json;
using MedicalAssistance.Policy.Simulation;
using MedicalAssistance.Policy.Tests.Golden;

namespace MedicalAssistance.Policy.Tests.Simulation;

/// <summary>Every claim result carries a Chinese and English explanation that states the figures it reports.</summary>
public sealed class ClaimExplanationTests
{
    [Theory]
    [MemberData(nameof(GoldenCases.SpecDerivedNames), MemberType = typeof(GoldenCases))]
    public void Explains_each_claim_in_chinese_and_english_with_its_amounts(string name)
    {
        var output = SimulationRunner.Run(GoldenCases.SpecDerived[name].ScenarioJson);

        using var result = JsonDocument.Parse(output.Json);
        foreach (var claim in result.RootElement.GetProperty("claims").EnumerateArray())
        {
            var explanation = claim.GetProperty("explanation");
            var zh = explanation.GetProperty("zh").GetString()!;
            var en = explanation.GetProperty("en").GetString()!;
            var total = claim.GetProperty("total").GetDecimal();
            if (claim.GetProperty("reason").ValueKind == JsonValueKind.Null || claim.GetProperty("reason").GetString() is "BELOW_DEDUCTIBLE" or "CAP_EXHAUSTED" or "NO_BENEFIT" or "NO_ELIGIBLE_COST")
            {
                // Calculated claims state the total, the deductible absorbed and the main assistance in both languages.
                var figures = new[] { total, claim.GetProperty("deductibleApplied").GetDecimal(), claim.GetProperty("assistance").GetDecimal() }
                    .Select(m => m.ToString("N2", CultureInfo.InvariantCulture));
                Assert.All(figures, f => Assert.Contains(f, zh, StringComparison.Ordinal));
                Assert.All(figures, f => Assert.Contains(f, en, StringComparison.Ordinal));
                Assert.Contains("合计", zh, StringComparison.Ordinal);
            }
            else
            {
                // Stopped before the calculation: says that nothing is paid, and why.
                Assert.True(zh.Contains("不予救助", StringComparison.Ordinal) || zh.Contains("救助金额为 0", StringComparison.Ordinal), zh);
                Assert.Contains("no assistance", en.Replace("assistance 0", "no assistance", StringComparison.Ordinal), StringComparison.Ordinal);
            }

            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", zh);
            Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", en);
        }
    }

    [Fact]
    public void Says_why_a_claim_gets_nothing()
    {
        var output = SimulationRunner.Run(GoldenCases.Public["inner-mongolia-terminated-during-stay-vs-next-month-stop"].ScenarioJson);

        using var result = JsonDocument.Parse(output.Json);
        var claims = result.RootElement.GetProperty("claims");
        Assert.Contains("住院期间终止", claims[0].GetProperty("explanation").GetProperty("zh").GetString(), StringComparison.Ordinal);
        Assert.Contains("outside the benefit period", claims[2].GetProperty("explanation").GetProperty("en").GetString(), StringComparison.Ordinal);
    }
}
