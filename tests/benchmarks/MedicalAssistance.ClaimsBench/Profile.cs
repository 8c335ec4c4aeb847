using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MedicalAssistance.Functions;
using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Functions.Claims.Parameters;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

/// <summary>
/// Where a claim's time goes: <see cref="ClaimLedgerReconciler.ApplyAsync"/> on generated claims, 64 at a time, in this
/// process, with every storage operation counted and timed (the Azure SDK's activity sources).
/// </summary>
internal static class Profile
{
    public static async Task<int> RunAsync(int personCount)
    {
        // The Azure SDK's own activities (one per client operation): opt-in switch of Azure.Core.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var requests = new ConcurrentDictionary<string, (int Count, double Ms)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("Azure.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                if (a.Parent is not null && a.Parent.Source.Name.StartsWith("Azure.", StringComparison.Ordinal))
                {
                    return; // the HTTP request inside an operation
                }

                var key = a.OperationName;
                requests.AddOrUpdate(key, (1, a.Duration.TotalMilliseconds), (_, v) => (v.Count + 1, v.Ms + a.Duration.TotalMilliseconds));
            },
        };

        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var storage = new StorageAccount(azurite.ConnectionString);
            await FunctionsApp.StorageLayout().EnsureCreatedAsync(storage, CancellationToken.None);
            var secrets = Bench.Secrets();
            var options = Options.Create(new PersonSecurityOptions { PersonKeySecret = secrets.PersonKey, IdEncryptionKey = secrets.IdKey, IdEncryptionKeyId = "bench" });
            var keys = new PersonKeys(options);
            var protector = new IdProtector(options);
            var persons = new PersonStore(storage);
            var ids = Enumerable.Range(0, personCount).Select(Bench.MakeId).ToList();
            await Parallel.ForEachAsync(ids, Bench.Parallel(64), async (id, ct) => await persons.TryCommitAsync(Bench.Person(keys, protector, id), null, ct));
            var messages = Enumerable.Range(0, 5).SelectMany(j => ids.Select(id => Bench.Message(keys, id, j))).ToList();
            var ledgers = new ClaimLedgerStore(storage);
            var reconciler = new ClaimLedgerReconciler(ledgers, persons, new SettlementParameterStore(storage), TimeProvider.System, [],
                NullLogger<ClaimLedgerReconciler>.Instance);
            var handler = new ClaimQueueHandler(reconciler, new ClaimRecomputation(reconciler, ledgers, new MedicalAssistance.Hosting.Queues.QueueSender(storage),
                new ClaimQueueNames("claims", "recompute")), ledgers);
            // As a worker takes them: facility requests of 100 claims packed as intake packs them, 16 messages at a time.
            var packed = messages.Chunk(100).SelectMany(ClaimsQueued.Pack).ToList();
            requests.Clear();
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(packed, Bench.Parallel(16), async (m, ct) => await handler.RunAsync(m, ct));
            var elapsed = watch.Elapsed;
            var sizes = new List<int>();
            await foreach (var e in ledgers.LedgerTable.QueryAsync<Azure.Data.Tables.TableEntity>())
            {
                sizes.Add(e.Keys.Where(k => k.StartsWith('Z')).Sum(k => e.GetBinary(k)?.Length ?? 0));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ledger after 5 claims, compressed: mean {sizes.Average():F0} bytes, max {sizes.Max()}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{messages.Count} claims in {elapsed.TotalSeconds:F1} s = {messages.Count / elapsed.TotalSeconds:F0} claims/s; load average {Bench.Load()}"));
            foreach (var (key, (count, ms)) in requests.OrderByDescending(r => r.Value.Count))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {key,-40} {count,8} ({(double)count / messages.Count:F2} per claim), mean {ms / count:F1} ms"));
            }

            return 0;
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}
