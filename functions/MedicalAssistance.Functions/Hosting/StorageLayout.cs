namespace MedicalAssistance.Functions.Hosting;

/// <summary>
/// Every table, container and queue the system uses (architecture.md §4). Features register their names here so
/// that start-up and <c>seed-demo</c> create them all, and the names are spelled once.
/// </summary>
public static class StorageLayout
{
    public static readonly List<string> Tables =
    [
        "hostkeys", // Hosting/Keys: function keys (hashed)
        "queuefailures", // Hosting/Queues: why a message went to poison
        "blobreceipts", // Hosting/BlobArrivals: one message per blob name + ETag
        "persons", // Persons/PersonStore: person state + audit records
        "exemptionledger", // Persons/PersonStore: 免缴台账
        "policyparameters", // Enrolment/EnrolmentParameterStore
        "departments", // Departments/DepartmentStore
        "rosterbatches", // Rosters/Batches: status, counts and checkpoint per roster batch
        "rosterrowerrors", // Rosters/Batches: row errors and ledger notes per batch
    ];
    public static readonly List<string> Containers = ["locks", "timers"];
    public static readonly List<string> Queues = [];

    /// <summary>Registers a name at run time (queue functions, blob arrivals); thread-safe and idempotent.</summary>
    public static void AddTable(string name) => AddOnce(Tables, name);

    /// <summary>
    /// A table whose name configuration may override (so that a test host, or a second environment in one account, keeps its
    /// own rows); the name used is registered.
    /// </summary>
    public static string ConfiguredTable(IConfiguration configuration, string key, string defaultName)
    {
        var name = configuration[key] ?? defaultName;
        AddTable(name);
        return name;
    }

    /// <inheritdoc cref="AddTable"/>
    public static void AddContainer(string name) => AddOnce(Containers, name);

    /// <inheritdoc cref="AddTable"/>
    public static void AddQueue(string name) => AddOnce(Queues, name);

    private static void AddOnce(List<string> names, string name)
    {
        lock (names)
        {
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }
    }

    private static string[] Snapshot(List<string> names)
    {
        lock (names)
        {
            return [.. names.Distinct()];
        }
    }

    /// <summary>Creates whatever does not exist yet. Safe to run any number of times, from any number of hosts.</summary>
    public static async Task EnsureCreatedAsync(StorageAccount storage, CancellationToken cancellationToken)
    {
        var work = new List<Task>();
        work.AddRange(Snapshot(Tables).Select(t => storage.Tables.CreateTableIfNotExistsAsync(t, cancellationToken)));
        work.AddRange(Snapshot(Containers).Select(c => storage.Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        // Every queue has its poison twin, created up front so that operators can watch it from day one.
        work.AddRange(Snapshot(Queues).SelectMany(q => new[] { q, q + "-poison" })
            .Select(q => storage.Queue(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        await Task.WhenAll(work);
    }
}
