namespace MedicalAssistance.Functions.Hosting;

/// <summary>
/// Every table, container and queue the system uses (architecture.md §4). Features register their names here so
/// that start-up and <c>seed-demo</c> create them all, and the names are spelled once.
/// </summary>
public static class StorageLayout
{
    public static readonly List<string> Tables =
    [
        "hostkeys",
        "persons", // Persons/PersonStore: person state + audit records
        "exemptionledger", // Persons/PersonStore: 免缴台账
        "policyparameters", // Enrolment/EnrolmentParameterStore
        "departments", // Departments/DepartmentStore
    ];
    public static readonly List<string> Containers = ["locks", "timers"];
    public static readonly List<string> Queues = [];

    /// <summary>Creates whatever does not exist yet. Safe to run any number of times, from any number of hosts.</summary>
    public static async Task EnsureCreatedAsync(StorageAccount storage, CancellationToken cancellationToken)
    {
        var work = new List<Task>();
        work.AddRange(Tables.Distinct().Select(t => storage.Tables.CreateTableIfNotExistsAsync(t, cancellationToken)));
        work.AddRange(Containers.Distinct().Select(c => storage.Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        // Every queue has its poison twin, created up front so that operators can watch it from day one.
        work.AddRange(Queues.Distinct().SelectMany(q => new[] { q, q + "-poison" })
            .Select(q => storage.Queue(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        await Task.WhenAll(work);
    }
}
