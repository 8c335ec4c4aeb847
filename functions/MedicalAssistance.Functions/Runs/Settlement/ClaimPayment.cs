namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>One payment of a claim by one run: what had been paid before it and what the claim's result was when it paid.</summary>
public sealed record ClaimPayment(string Run, string Period, string Kind, PaidAmounts Before, PaidAmounts After);
