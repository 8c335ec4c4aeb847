namespace MedicalAssistance.Functions.Persons;

/// <summary>
/// Told after the identity ledger committed (or found already committed) roster rows of some persons, so that whatever was
/// computed from their identity periods can be computed again (Claims/: the person's settled claims). Called at least once
/// per change, possibly more often: a listener must be idempotent. A failure fails the roster chunk, which is retried.
/// </summary>
public interface IPersonChangeListener
{
    Task PersonsChangedAsync(IReadOnlyCollection<string> personKeys, CancellationToken cancellationToken);
}
