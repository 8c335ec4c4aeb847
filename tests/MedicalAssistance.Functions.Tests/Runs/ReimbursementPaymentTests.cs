using MedicalAssistance.Contracts.Reimbursements;
using MedicalAssistance.Functions.Reimbursements;
using MedicalAssistance.Functions.Runs.Settlement;
using MedicalAssistance.Policy.Scenarios;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedicalAssistance.Functions.Tests.Runs;

/// <summary>An approved and settled manual reimbursement becomes paid when the monthly settlement pays its claim, once.</summary>
public sealed class ReimbursementPaymentTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_settled_manual_reimbursement_is_paid_by_the_run_that_pays_its_claim_and_an_unsettled_one_is_left_alone()
    {
        var h = await RunsHarness.CreateAsync(azurite);
        var options = Microsoft.Extensions.Options.Options.Create(new ReimbursementOptions { Table = AzuriteFixture.UniqueName("reimb") });
        await h.Claims.Storage.Tables.CreateTableIfNotExistsAsync(options.Value.Table, Ct);
        var store = new ReimbursementStore(h.Claims.Storage, options);
        var service = new ReimbursementService(store, h.Claims.Persons, h.Claims.Sender, options, h.Claims.Time, NullLogger<ReimbursementService>.Instance);
        h.At(new DateTime(2025, 11, 20, 10, 0, 0));
        var id = await h.PersonAsync(7);
        await AddAsync(store, "app-settled", h.Claims.Keys.KeyOf(id), ReimbursementStatus.Settled, h.Claims.Time.GetUtcNow());
        await AddAsync(store, "app-approved", h.Claims.Keys.KeyOf(id), ReimbursementStatus.Approved, h.Claims.Time.GetUtcNow());
        foreach (var app in new[] { "app-settled", "app-approved" })
        {
            var claim = RunsHarness.Inpatient("manual-" + app, new DateOnly(2025, 11, app == "app-settled" ? 3 : 12), 10000m) with { Settlement = SettlementChannel.Manual };
            await h.SubmitAsync(id, claim, claim.Discharge!.Value);
        }

        h.At(new DateTime(2025, 12, 1, 2, 0, 0));
        await h.NewRunner().RunAsync(h.NewSettlement(new ReimbursementPayments(service)), Functions.Runs.RunPeriod.Parse("2025-11"), Ct);

        var paid = (await store.GetAsync("app-settled", Ct))!.Value.Application;
        Assert.Equal(ReimbursementStatus.Paid, paid.Status);
        Assert.Equal("monthly-settlement 2025-11", paid.History[^1].By);
        Assert.Equal(ReimbursementStatus.Approved, (await store.GetAsync("app-approved", Ct))!.Value.Application.Status);
        var claims = await h.RowsAsync("2025-11", SettlementFiles.Claims);
        Assert.All(claims, r => Assert.Equal(PayablesChannel.Manual, r[5]));
        Assert.Equal(2, claims.Count);
    }

    private static async Task AddAsync(ReimbursementStore store, string applicationId, string personKey, string status, DateTimeOffset at) =>
        Assert.True(await store.TryAddAsync(new ReimbursementApplication
        {
            ApplicationId = applicationId,
            PersonKey = personKey,
            MaskedIdNumber = "6590**********0001",
            Visit = new ReimbursementVisit(RunsHarness.Tumxuk, "inpatient", new DateOnly(2025, 10, 29), new DateOnly(2025, 11, 3), "外地医院", true, true, 10000m, 0m),
            SubmittedAt = at,
            Status = status,
            Materials = [],
            History = [new ReimbursementTransition(status, "test", at, null)],
            ClaimId = "manual-" + applicationId,
        }, Ct));
}
