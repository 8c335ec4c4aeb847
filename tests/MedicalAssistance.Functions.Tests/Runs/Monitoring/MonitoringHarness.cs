using MedicalAssistance.Functions.Claims.Parameters;
using MedicalAssistance.Functions.Runs;
using MedicalAssistance.Functions.Runs.Monitoring;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Runs.Monitoring;

/// <summary><see cref="RunsHarness"/> (Tumxuk claims) plus run monthly-monitoring over private alert and threshold tables.</summary>
internal sealed class MonitoringHarness
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private MonitoringHarness(RunsHarness runs, MonitoringAlertStore alerts, MonitoringThresholdStore thresholds)
    {
        Runs = runs;
        Alerts = alerts;
        Thresholds = thresholds;
    }

    public RunsHarness Runs { get; }
    public MonitoringAlertStore Alerts { get; }
    public MonitoringThresholdStore Thresholds { get; }

    public static async Task<MonitoringHarness> CreateAsync(AzuriteFixture azurite)
    {
        var runs = await RunsHarness.CreateAsync(azurite);
        var (alerts, thresholds) = (AzuriteFixture.UniqueName("alerts"), AzuriteFixture.UniqueName("thresholds"));
        await runs.Claims.Storage.Tables.CreateTableIfNotExistsAsync(alerts, Ct);
        await runs.Claims.Storage.Tables.CreateTableIfNotExistsAsync(thresholds, Ct);
        return new MonitoringHarness(runs, new MonitoringAlertStore(runs.Claims.Storage, alerts),
            new MonitoringThresholdStore(new SettlementParameterStore(runs.Claims.Storage, thresholds)));
    }

    public MonthlyMonitoring NewMonitoring() => new(Runs.Claims.Ledgers, Runs.Claims.Persons, Runs.Claims.Parameters, Thresholds, Alerts, Runs.Outputs,
        Microsoft.Extensions.Options.Options.Create(Runs.Options));

    public Task<RunClaim> MonitorAsync(string period) => Runs.NewRunner().RunAsync(NewMonitoring(), RunPeriod.Parse(period), Ct);

    public MonthlyMonitoringTimer NewTimer() => new(Runs.NewRunner(), NewMonitoring(), Runs.Claims.Time);

    /// <summary>Submits a claim of any profile as intake would (the record, then the ledger applies it), at the clock's time.</summary>
    public async Task SubmitAsync(string profile, MedicalAssistance.Functions.Persons.IdNumber id, MedicalAssistance.Policy.Scenarios.Claim claim, DateOnly settledOn)
    {
        var c = Runs.Claims;
        var message = c.Message(id, profile, claim);
        var record = new MedicalAssistance.Functions.Claims.ClaimRecord(claim.Id, profile, message.PersonKey, id.Masked, c.Protector.Protect(id.Value), c.Protector.Protect("测试"),
            id.BirthDate, "H001", "第一医院", settledOn, message.Input, message.Version, "test", c.Time.GetUtcNow());
        Assert.True(await c.Claims.TryAddAsync(record, Ct));
        await c.NewWorker().ApplyAsync(message, Ct);
    }

    public Task<IReadOnlyList<string[]>> RowsAsync(string period, string file) => MonthlyRunOutputs.RowsAsync(Runs.Outputs, MonthlyMonitoring.RunName, period, file);
}
