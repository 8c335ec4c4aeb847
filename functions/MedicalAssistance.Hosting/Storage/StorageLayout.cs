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

    /// <summary>Creates whatever does not exist yet. Safe to run any number of times, from any number of hosts.</summary>
    public async Task EnsureCreatedAsync(StorageAccount storage, CancellationToken cancellationToken)
    {
        var work = new List<Task>();
        work.AddRange(Tables.Select(t => storage.Tables.CreateTableIfNotExistsAsync(t, cancellationToken)));
        work.AddRange(Containers.Select(c => storage.Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        work.AddRange(Queues.SelectMany(q => new[] { q, q + PoisonSuffix })
            .Select(q => storage.Queue(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        await Task.WhenAll(work);
    }
}
