using System.Globalization;
using System.Text.Json.Nodes;
using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Functions.Claims.Parameters;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Policy.Scenarios;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MedicalAssistance.Functions.Tests.Claims;

/// <summary>
/// The claims services over private tables and queues in the test Azurite, with the run's secrets and a fake clock.
/// <see cref="NewWorker"/> gives a reconciler with its own memory, as a separate worker process would have.
/// </summary>
internal sealed class ClaimsHarness
{
    public const string Department = "test-dept";

    private static readonly string[] Prefixes = ["persons", "exempt", "claims", "ledger", "index", "adjust", "sparams", "claimq", "recomputeq"];

    private ClaimsHarness(StorageAccount storage, string[] names, FakeTimeProvider time)
    {
        Storage = storage;
        Names = names;
        Time = time;
        Keys = new PersonKeys(TestSecrets.AsOptions());
        Protector = new IdProtector(TestSecrets.AsOptions());
        Persons = new PersonStore(storage, names[0], names[1]);
        Claims = new ClaimStore(storage, names[2]);
        Ledgers = new ClaimLedgerStore(storage, names[3], names[4], names[5]);
        Parameters = new SettlementParameterStore(storage, names[6]);
        Queues = new ClaimQueueNames(names[7], names[8]);
        Sender = new QueueSender(storage);
    }

    public StorageAccount Storage { get; }

    /// <summary>persons, exemptions, claims, ledger, index, adjustments, parameters tables; claims and recompute queues.</summary>
    public string[] Names { get; }
    public FakeTimeProvider Time { get; }
    public PersonKeys Keys { get; }
    public IdProtector Protector { get; }
    public PersonStore Persons { get; }
    public ClaimStore Claims { get; }
    public ClaimLedgerStore Ledgers { get; }
    public SettlementParameterStore Parameters { get; }
    public ClaimQueueNames Queues { get; }
    public QueueSender Sender { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ClaimsHarness> CreateAsync(AzuriteFixture azurite, FakeTimeProvider? time = null)
    {
        var storage = new StorageAccount(azurite.ConnectionString);
        var names = Prefixes.Select(AzuriteFixture.UniqueName).ToArray();
        foreach (var table in names[..7])
        {
            await storage.Tables.CreateTableIfNotExistsAsync(table, Ct);
        }

        return new ClaimsHarness(storage, names, time ?? new FakeTimeProvider(new DateTimeOffset(2025, 12, 1, 2, 0, 0, TimeSpan.Zero)));
    }

    public ClaimLedgerReconciler NewWorker(SettlementParameterStore? parameters = null) =>
        new(Ledgers, Persons, parameters ?? Parameters, Time, [], NullLogger<ClaimLedgerReconciler>.Instance);

    /// <summary>A parameter table of its own, for a test whose persons need different values for the same profile and year.</summary>
    public async Task<SettlementParameterStore> PrivateParametersAsync()
    {
        var name = AzuriteFixture.UniqueName("sparams");
        await Storage.Tables.CreateTableIfNotExistsAsync(name, Ct);
        return new SettlementParameterStore(Storage, name);
    }

    public ClaimRecomputation NewRecomputation(ClaimLedgerReconciler? worker = null) => new(worker ?? NewWorker(), Ledgers, Sender, Queues);

    public ClaimIntake NewIntake() => new(Claims, Ledgers, Keys, Protector, Sender, Queues, Time);

    /// <summary>Writes a person's identity periods as the roster ledger would (one ETag-conditional write), new or replacing.</summary>
    public async Task<string> SetIdentitiesAsync(IdNumber id, IReadOnlyList<Identity> identities)
    {
        var key = Keys.KeyOf(id);
        var loaded = await Persons.LoadAsync(key, Ct);
        var periods = identities.Select(i => new IdentityPeriod(i.Type.Code, i.DeterminedOn, i.Start, i.End, Department)).ToList();
        var state = loaded is not null
            ? loaded.State with { Identities = periods, Version = loaded.State.Version + 1, CommitId = Guid.NewGuid().ToString("N") }
            : new PersonState
            {
                PersonKey = key,
                EncryptedIdNumber = Protector.Protect(id.Value),
                MaskedIdNumber = id.Masked,
                EncryptedName = Protector.Protect("测试"),
                NameFingerprint = Keys.Fingerprint("测试"),
                BirthDate = id.BirthDate,
                Identities = periods,
                Version = 1,
                CommitId = Guid.NewGuid().ToString("N"),
            };
        Assert.NotNull(await Persons.TryCommitAsync(state, loaded?.ETag, Ct));
        return key;
    }

    /// <summary>A claim message as intake would queue it.</summary>
    public ClaimQueued Message(IdNumber id, string profile, Claim claim, bool reversed = false)
    {
        var input = ClaimInput.Write(claim);
        return new ClaimQueued(claim.Id, profile, Keys.KeyOf(id), id.Masked, id.BirthDate, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(input))),
            input, "H001", reversed, reversed ? "test reversal" : null);
    }

    public async Task<ClaimLedgerState> LedgerAsync(IdNumber id, string profile) =>
        (await Ledgers.LoadAsync(Keys.KeyOf(id), profile, Ct))?.State ?? throw new InvalidOperationException("no ledger");

    /// <summary>The scenario's <c>parameters</c> object for a typed parameter set (docs/scenario-format.md §3.1).</summary>
    public static string ParametersJson(ScenarioParameters parameters)
    {
        var root = new JsonObject();
        foreach (var (name, value) in parameters.Amounts)
        {
            root[name] = JsonValue.Create(value);
        }

        if (parameters.Benefits.Count > 0)
        {
            var benefits = new JsonObject();
            foreach (var (code, rule) in parameters.Benefits)
            {
                var r = new JsonObject { ["deductible"] = rule.Deductible, ["ratio"] = rule.Ratio };
                if (rule.AnnualCap is { } cap)
                {
                    r["annualCap"] = cap;
                }
                else
                {
                    r["outpatientAnnualCap"] = rule.OutpatientAnnualCap;
                    r["inpatientAnnualCap"] = rule.InpatientAnnualCap;
                }

                if (rule.Tilted is { } t)
                {
                    r["tilted"] = new JsonObject { ["deductible"] = t.Deductible, ["ratio"] = t.Ratio, ["annualCap"] = t.AnnualCap };
                }

                benefits[code] = r;
            }

            root["benefits"] = benefits;
        }

        return root.ToJsonString();
    }

    /// <summary>The <c>simulate</c> scenario equivalent to a person's stored claims (claims by service date, then id).</summary>
    public static string ScenarioJson(string profile, string parametersJson, Person person, IEnumerable<Claim> claims)
    {
        var root = new JsonObject
        {
            ["profile"] = profile,
            ["parameters"] = JsonNode.Parse(parametersJson),
            ["person"] = new JsonObject
            {
                ["id"] = "P",
                ["birthDate"] = Date(person.BirthDate),
                ["insurance"] = person.Insurance switch { InsuranceStatus.Employee => "employee", InsuranceStatus.None => "none", _ => "resident" },
                ["mentalDisorder"] = person.MentalDisorder,
                ["identities"] = new JsonArray([.. person.Identities.Select(i => (JsonNode)new JsonObject
                {
                    ["type"] = i.Type.Code,
                    ["determinedOn"] = Date(i.DeterminedOn),
                    ["start"] = Date(i.Start),
                    ["end"] = i.End is { } end ? Date(end) : null,
                })]),
            },
            ["claims"] = new JsonArray([.. claims.OrderBy(c => c.ServiceDate).ThenBy(c => c.Id, StringComparer.Ordinal).Select(c => JsonNode.Parse(ClaimInput.Write(c)))]),
        };
        return root.ToJsonString();
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
