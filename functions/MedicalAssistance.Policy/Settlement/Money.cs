namespace MedicalAssistance.Policy.Settlement;

/// <summary>Money rules (scenario-format.md §2, G-5): decimal yuan, each product rounded to 0.01 half away from zero.</summary>
public static class Money
{
    public static decimal Round2(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>round2(amount × ratio).</summary>
    public static decimal Times(decimal amount, decimal ratio) => decimal.Round(amount * ratio, 2, MidpointRounding.AwayFromZero);
}
