namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>Told of each line a settlement run writes (after its payment is recorded), e.g. for metrics; none are registered by default.</summary>
public interface ISettlementLineObserver
{
    void Written(SettlementLine line, CancellationToken cancellationToken);
}
