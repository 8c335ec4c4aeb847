namespace MedicalAssistance.Policy.Settlement;

/// <summary>Money rules (scenario-format.md §2, G-5): decimal yuan, each product rounded to 0.01 half away from zero.</summary>
public static class Money
{
    /// <summary>
    /// The largest amount a scenario may state, in yuan: 100,000,000.00 (一亿元). The dearest real bills are far below it
    /// (a CAR-T therapy is about 1.2 million yuan, a year in intensive care a few million), and so are all annual caps and
    /// income statistics of docs/policy-rules.md. With at most
    /// <see cref="Simulation.SimulationLimits.MaxClaimsPerScenario"/> claims of this size, every sum the engine forms stays
    /// below 10^12 yuan, far inside <see cref="decimal"/>'s range (about 7.9 × 10^28): settlement cannot overflow.
    /// </summary>
    public const decimal MaxAmount = 100_000_000.00m;

    public static decimal Round2(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>round2(amount × ratio).</summary>
    public static decimal Times(decimal amount, decimal ratio) => decimal.Round(amount * ratio, 2, MidpointRounding.AwayFromZero);
}
