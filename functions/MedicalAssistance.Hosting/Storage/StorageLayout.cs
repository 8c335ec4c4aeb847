namespace MedicalAssistance.Hosting.Storage;

/// <summary>
/// Every table, container and queue the app uses (docs/architecture.md §4), as options: each feature adds the names of its
/// own options through <see cref="StorageLayoutRegistration"/>, so start-up and <c>seed-demo</c> create them all and no list
/// is kept anywhere else. Read it as <c>IOptions&lt;StorageLayout&gt;</c>.
/// </summary>
public sealed class StorageLayout
{
    public const string PoisonSuffix = "-poison";

    public ISet<string> Tables { get; } = new SortedSet<string>(StringComparer.Ordinal);
    public ISet<string> Containers { get; } = new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>Queues; each also gets its <c>-poison</c> twin, created up front so that operators can watch it from day one.</summary>
    public ISet<string> Queues { get; } = new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Creates whatever does not exist yet. Safe to run any number of times, from any number of hosts. Three listings first,
    /// so that a restart against storage that is already set up makes three calls instead of one per name.
    /// </summary>
    public async Task EnsureCreatedAsync(StorageAccount storage, CancellationToken cancellationToken)
    {
        var tables = ListAsync(storage.Tables.QueryAsync(cancellationToken: cancellationToken), t => t.Name);
        var containers = ListAsync(storage.Blobs.GetBlobContainersAsync(cancellationToken: cancellationToken), c => c.Name);
        var queues = ListAsync(storage.Queues.GetQueuesAsync(cancellationToken: cancellationToken), q => q.Name);
        var (existingTables, existingContainers, existingQueues) = (await tables, await containers, await queues);

        var work = new List<Task>();
        work.AddRange(Tables.Except(existingTables).Select(t => storage.Tables.CreateTableIfNotExistsAsync(t, cancellationToken)));
        work.AddRange(Containers.Except(existingContainers).Select(c => storage.Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        work.AddRange(Queues.SelectMany(q => new[] { q, q + PoisonSuffix }).Except(existingQueues)
            .Select(q => storage.Queue(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        await Task.WhenAll(work);
    }

    private static async Task<HashSet<string>> ListAsync<T>(Azure.AsyncPageable<T> items, Func<T, string> name) where T : notnull
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in items)
        {
            names.Add(name(item));
        }

        return names;
    }
}
