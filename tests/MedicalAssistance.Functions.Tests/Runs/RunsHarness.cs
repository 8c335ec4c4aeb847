using System.Text;
using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Runs;
using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Functions.Runs.Settlement;
using MedicalAssistance.Functions.Tests.Claims;
using MedicalAssistance.Functions.Tests.Persons;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Policy.Scenarios;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MedicalAssistance.Functions.Tests.Runs;

/// <summary>
/// The claims services (<see cref="ClaimsHarness"/>) plus the runs feature over private tables and a private reports container.
/// Claims go in as intake stores them (table <c>claims</c>) and the ledger worker applies them, at the harness's fake time.
/// </summary>
internal sealed class RunsHarness
{
    public const string Tumxuk = "tumxuk-2025";

    /// <summary>Tumxuk DIBAO_MARGINAL (class 3) from 2025-07-15: no operator parameters needed (docs/scenario-format.md §9).</summary>
    public static readonly Identity Marginal = new(IdentityTypes.Find("DIBAO_MARGINAL")!, new DateOnly(2025, 7, 15), new DateOnly(2025, 7, 15), null);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RunsHarness(ClaimsHarness claims, RunFeatureOptions options)
    {
        Claims = claims;
        Options = options;
        Runs = new RunStore(claims.Storage, options.Table);
        Payments = new ClaimPaymentStore(claims.Storage, options.PaymentTable);
        Journal = new FundJournalStore(claims.Storage, options.JournalTable);
        Outputs = new RunOutputs(claims.Storage, options.ReportsContainer);
    }

    public ClaimsHarness Claims { get; }
    public RunFeatureOptions Options { get; }
    public RunStore Runs { get; }
    public ClaimPaymentStore Payments { get; }
    public FundJournalStore Journal { get; }
    public RunOutputs Outputs { get; }

    public static async Task<RunsHarness> CreateAsync(AzuriteFixture azurite)
    {
        var claims = await ClaimsHarness.CreateAsync(azurite, new FakeTimeProvider(new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero)));
        var options = new RunFeatureOptions
        {
            Table = AzuriteFixture.UniqueName("runs"),
            PaymentTable = AzuriteFixture.UniqueName("runpay"),
            JournalTable = AzuriteFixture.UniqueName("journal"),
            ReportsContainer = AzuriteFixture.UniqueName("reports"),
            ProgressEvery = 1,
            Parallelism = 2,
        };
        foreach (var table in new[] { options.Table, options.PaymentTable, options.JournalTable })
        {
            await claims.Storage.Tables.CreateTableIfNotExistsAsync(table, Ct);
        }

        await claims.Storage.Container(options.ReportsContainer).CreateIfNotExistsAsync(cancellationToken: Ct);
        return new RunsHarness(claims, options);
    }

    /// <summary>Sets the fake clock to <paramref name="chinaTime"/> (Asia/Shanghai wall time).</summary>
    public void At(DateTime chinaTime) => Claims.Time.SetUtcNow(new DateTimeOffset(chinaTime, TimeSpan.FromHours(8)));

    public static IdNumber IdOf(int n) => TestIds.Make(new DateOnly(1980, 1, 1).AddDays(n), n);

    public async Task<IdNumber> PersonAsync(int n)
    {
        var id = IdOf(n);
        await Claims.SetIdentitiesAsync(id, [Marginal]);
        return id;
    }

    /// <summary>
    /// Submits a claim as intake would (the record, then the ledger applies the message intake queues), at the clock's time. With
    /// <paramref name="asBefore"/> the message lacks the settlement date and facility name, as messages queued before they travelled.
    /// </summary>
    public async Task SubmitAsync(IdNumber id, Claim claim, DateOnly settledOn, string facility = "H001", string facilityName = "第一医院", bool asBefore = false)
    {
        var message = Claims.Message(id, Tumxuk, claim);
        var record = new ClaimRecord(claim.Id, Tumxuk, message.PersonKey, id.Masked, Claims.Protector.Protect(id.Value), Claims.Protector.Protect("测试"),
            id.BirthDate, facility, facilityName, settledOn, message.Input, message.Version, "test", Claims.Time.GetUtcNow());
        Assert.True(await Claims.Claims.TryAddAsync(record, Ct));
        var queued = ClaimIntake.MessageOf(record);
        await Claims.NewWorker().ApplyAsync(asBefore ? queued with { SettledOn = null, FacilityName = null } : queued, Ct);
    }

    public async Task ReverseAsync(IdNumber id, Claim claim) =>
        await Claims.NewWorker().ApplyAsync(Claims.Message(id, Tumxuk, claim, reversed: true), Ct);

    public static Claim Inpatient(string id, DateOnly discharge, decimal selfPay, bool inCity = true) =>
        new(id, ClaimKind.Inpatient, discharge.AddDays(-5), discharge, selfPay, Facility: new Facility(InCity: inCity), Insurance: InsuranceStatus.Resident);

    public PeriodRunner NewRunner() => new(Runs, Microsoft.Extensions.Options.Options.Create(Options), Claims.Time, NullLogger<PeriodRunner>.Instance);

    public MonthlySettlement NewSettlement(params ISettlementLineObserver[] observers) =>
        new(Claims.Ledgers, Claims.Claims, Payments, Journal, Outputs, Microsoft.Extensions.Options.Options.Create(Options), Claims.Time, observers,
            NullLogger<MonthlySettlement>.Instance);

    public Task<RunClaim> SettleAsync(string period, CancellationToken? cancellationToken = null, params ISettlementLineObserver[] observers) =>
        NewRunner().RunAsync(NewSettlement(observers), RunPeriod.Parse(period), cancellationToken ?? Ct);

    /// <summary>An output's text (the BOM checked and removed).</summary>
    public async Task<string> TextAsync(string period, string file)
    {
        var found = await Outputs.OpenReadAsync(MonthlySettlement.RunName, period, file, Ct) ?? throw new InvalidOperationException($"no {file}");
        using var memory = new MemoryStream();
        await found.Content.CopyToAsync(memory, Ct);
        var bytes = memory.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
    }

    /// <summary>An output's bytes as stored.</summary>
    public async Task<byte[]> BytesAsync(string period, string file)
    {
        var found = await Outputs.OpenReadAsync(MonthlySettlement.RunName, period, file, Ct) ?? throw new InvalidOperationException($"no {file}");
        using var memory = new MemoryStream();
        await found.Content.CopyToAsync(memory, Ct);
        return memory.ToArray();
    }

    /// <summary>An output's rows after the header, split at commas (the test data hold no quoted cells).</summary>
    public async Task<IReadOnlyList<string[]>> RowsAsync(string period, string file) =>
        [.. (await TextAsync(period, file)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))];

    public async Task<IReadOnlyList<JournalLine>> JournalAsync(string period)
    {
        var lines = new List<JournalLine>();
        await foreach (var line in Journal.ReadAsync(Tumxuk, period, Ct))
        {
            lines.Add(line);
        }

        return lines;
    }

    public async Task<decimal> PaidTotalAsync(string claimId) => (await PaymentsOfAsync(claimId)).Paid.Total;

    /// <summary>A Tumxuk claim's payments by the runs (kept under its person's key).</summary>
    public async Task<ClaimPayments> PaymentsOfAsync(string claimId)
    {
        var stored = await Claims.Claims.GetAsync(claimId, Ct) ?? throw new InvalidOperationException($"no claim {claimId}");
        return await Payments.GetAsync(stored.Record.PersonKey, claimId, Tumxuk, Ct);
    }
}
