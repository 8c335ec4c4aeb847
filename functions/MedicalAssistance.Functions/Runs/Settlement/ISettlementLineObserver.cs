namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>
/// Told of each line a settlement run writes, after its payment is recorded and in file order. An attempt done again tells the
/// same lines again: an observer must be idempotent.
/// </summary>
public interface ISettlementLineObserver
{
    Task WrittenAsync(SettlementLine line, CancellationToken cancellationToken);
}
