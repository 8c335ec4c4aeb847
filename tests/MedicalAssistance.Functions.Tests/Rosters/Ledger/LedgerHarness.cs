using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Enrolment;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters.Ledger;
using MedicalAssistance.Functions.Rosters;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MedicalAssistance.Functions.Tests.Rosters.Ledger;

/// <summary>A ledger over private tables in the test Azurite, with random secrets and a fake clock.</summary>
internal sealed class LedgerHarness
{
    private LedgerHarness(StorageAccount storage, string persons, string exemptions, string parameters, FakeTimeProvider time)
    {
        Storage = storage;
        Time = time;
        PersonsTable = persons;
        ExemptionTable = exemptions;
        Keys = new PersonKeys(TestSecrets.AsOptions());
        Protector = new IdProtector(TestSecrets.AsOptions());
        Store = new PersonStore(storage, persons, exemptions);
        Parameters = new EnrolmentParameterStore(storage, parameters);
        Records = new PersonRecords(Store, Keys);
    }

    public StorageAccount Storage { get; }
    public FakeTimeProvider Time { get; }
    public string PersonsTable { get; }
    public string ExemptionTable { get; }
    public PersonKeys Keys { get; }
    public IdProtector Protector { get; }
    public PersonStore Store { get; }
    public EnrolmentParameterStore Parameters { get; }
    public PersonRecords Records { get; }

    public static async Task<LedgerHarness> CreateAsync(AzuriteFixture azurite, DateTimeOffset now)
    {
        var storage = new StorageAccount(azurite.ConnectionString);
        var ct = TestContext.Current.CancellationToken;
        var names = new[] { AzuriteFixture.UniqueName("persons"), AzuriteFixture.UniqueName("exempt"), AzuriteFixture.UniqueName("params") };
        foreach (var name in names)
        {
            await storage.Tables.CreateTableIfNotExistsAsync(name, ct);
        }

        return new LedgerHarness(storage, names[0], names[1], names[2], new FakeTimeProvider(now));
    }

    public RosterLedger NewLedger() => new(Store, Keys, Protector, Parameters, Time, NullLogger<RosterLedger>.Instance);

    public static RosterBatchContext Batch(string batchId, Department department, DateTimeOffset receivedAt, string who = "clerk-1") =>
        new(batchId, department, who, receivedAt);

    public Task<IReadOnlyList<RowOutcome>> ApplyAsync(RosterBatchContext batch, params RosterRow[] rows) =>
        NewLedger().ApplyAsync(batch, rows, TestContext.Current.CancellationToken);
}
