namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>A claim result's payable parts (policy-rules.md §1.3–1.4 and Jieyang's secondary assistance), already rounded by the engine.</summary>
public sealed record PaidAmounts(decimal Assistance, decimal Tilted, decimal Secondary, decimal Total)
{
    public static readonly PaidAmounts Zero = new(0m, 0m, 0m, 0m);

    public PaidAmounts Minus(PaidAmounts other) =>
        new(Assistance - other.Assistance, Tilted - other.Tilted, Secondary - other.Secondary, Total - other.Total);

    public PaidAmounts Plus(PaidAmounts other) =>
        new(Assistance + other.Assistance, Tilted + other.Tilted, Secondary + other.Secondary, Total + other.Total);
}
