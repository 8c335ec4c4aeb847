using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Enrolment;
using MedicalAssistance.Functions.Enrolment.Parameters;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters;
using MedicalAssistance.Functions.Tests.Persons;
using MedicalAssistance.Functions.Tests.Rosters.Ledger;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedicalAssistance.Functions.Tests.Enrolment.Parameters;

/// <summary>Enrolments registered before the operator set the year's parameters get their amount once the parameters are set.</summary>
public sealed class AwaitingEnrolmentsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Received = new(2025, 4, 1, 10, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Department Dept(string code) => DemoDepartments.All.Single(d => d.Code == code);

    private static RosterRow Add(int row, IdNumber id, string type, InsuranceStatus insurance = InsuranceStatus.None) =>
        new(row, "赵六", id.Value, type, new DateOnly(2025, 3, 20), new DateOnly(2025, 3, 20), null, RosterChange.Add, Insurance: insurance);

    private static AwaitingEnrolmentsCompletion Function(LedgerHarness h) =>
        new(h.Store, h.Parameters, h.Time, NullLogger<AwaitingEnrolmentsCompletion>.Instance);

    private static EnrolmentParametersSet Set(string profile, int year) => new(profile, year, "operator-1", Received);

    [Fact]
    public async Task Setting_the_contribution_gives_the_waiting_enrolments_their_amount_with_an_audit_and_the_ledger_entry_once()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);
        var tekun = TestIds.Make(new DateOnly(1950, 3, 3), 501);
        var dibao = TestIds.Make(new DateOnly(1980, 3, 3), 502);
        var resident = TestIds.Make(new DateOnly(1981, 3, 3), 503);
        await h.ApplyAsync(LedgerHarness.Batch("b1", Dept("tumxuk-civil"), Received),
            Add(2, tekun, "TEKUN"), Add(3, dibao, "DIBAO"), Add(4, resident, "DIBAO", InsuranceStatus.Resident));
        Assert.Equal(EnrolmentStatus.AwaitingParameter, (await EnrolmentOf(h, tekun)).Status);

        await h.Parameters.PutAsync("tumxuk-2025", 2025, new EnrolmentParameters(400m), Ct);
        h.Time.Advance(TimeSpan.FromDays(10));
        var result = await Function(h).RunAsync(Set("tumxuk-2025", 2025), Ct);
        var again = await Function(h).RunAsync(Set("tumxuk-2025", 2025), Ct);

        Assert.Equal(new AwaitingEnrolmentsResult(2, 2, 0), result); // the resident's enrolment is for 2026
        Assert.Equal(new AwaitingEnrolmentsResult(0, 0, 0), again);
        var full = await EnrolmentOf(h, tekun);
        Assert.Equal((EnrolmentStatus.Subsidised, SubsidyLevel.Full, (decimal?)400.00m), (full.Status, full.Level, full.Amount));
        Assert.Equal(new DateOnly(2025, 4, 1), full.RegisteredOn); // the push's registration, not the day the amount was set
        Assert.Contains("资助金额400.00元", full.Note, StringComparison.Ordinal);
        var eighty = await EnrolmentOf(h, dibao);
        Assert.Equal((EnrolmentStatus.Subsidised, SubsidyLevel.Percent80, (decimal?)320.00m), (eighty.Status, eighty.Level, eighty.Amount));
        Assert.Equal(EnrolmentStatus.AwaitingParameter, (await EnrolmentOf(h, resident)).Status);
        var entry = (await h.Store.GetExemptionAsync("tumxuk-2025", 2025, h.Keys.KeyOf(tekun), Ct))!;
        Assert.Equal((EnrolmentStatus.Subsidised, (decimal?)400.00m, "b1", 2), (entry.Status, entry.Amount, entry.BatchId, entry.Row));
        var audits = await h.Store.ReadAuditsAsync(h.Keys.KeyOf(tekun), Ct);
        var audit = Assert.Single(audits, a => a.Change == "EnrolmentParameters");
        Assert.Equal("operator-1", audit.SubmittedBy);
        Assert.Contains("AwaitingParameter", audit.Before, StringComparison.Ordinal);
        Assert.Contains("400", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_enrolment_still_missing_another_parameter_keeps_waiting_and_a_refusal_is_recorded_as_not_subsidised()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);
        var monitored = TestIds.Make(new DateOnly(1990, 3, 3), 504);
        var rural = Dept("tumxuk-rural");
        await h.ApplyAsync(LedgerHarness.Batch("b1", rural, Received), Add(2, monitored, "MONITORED_RURAL"));

        await h.Parameters.PutAsync("tumxuk-2025", 2025, new EnrolmentParameters(400m), Ct);
        var waiting = await Function(h).RunAsync(Set("tumxuk-2025", 2025), Ct);
        await h.Parameters.PutAsync("tumxuk-2025", 2025, new EnrolmentParameters(400m, MonitoredRuralInTransition: false), Ct);
        var decided = await Function(h).RunAsync(Set("tumxuk-2025", 2025), Ct);

        Assert.Equal(new AwaitingEnrolmentsResult(1, 0, 1), waiting);
        Assert.Equal(new AwaitingEnrolmentsResult(1, 1, 0), decided);
        var enrolment = await EnrolmentOf(h, monitored);
        Assert.Equal((EnrolmentStatus.NotSubsidised, SubsidyLevel.None), (enrolment.Status, enrolment.Level));
        Assert.Equal(EnrolmentStatus.NotSubsidised, (await h.Store.GetExemptionAsync("tumxuk-2025", 2025, h.Keys.KeyOf(monitored), Ct))!.Status);
    }

    [Fact]
    public async Task A_commit_that_landed_before_a_crash_has_its_ledger_entry_written_on_the_retry()
    {
        var h = await LedgerHarness.CreateAsync(azurite, Received);
        var id = TestIds.Make(new DateOnly(1950, 3, 3), 505);
        await h.ApplyAsync(LedgerHarness.Batch("b1", Dept("tumxuk-civil"), Received), Add(2, id, "TEKUN"));
        await h.Parameters.PutAsync("tumxuk-2025", 2025, new EnrolmentParameters(400m), Ct);
        await Function(h).RunAsync(Set("tumxuk-2025", 2025), Ct);
        // The process died after the state commit, before the ledger write: put the ledger entry back as it was.
        var decided = (await h.Store.GetExemptionAsync("tumxuk-2025", 2025, h.Keys.KeyOf(id), Ct))!;
        await h.Store.WriteExemptionsAsync([decided with { Status = EnrolmentStatus.AwaitingParameter, Amount = null }], Ct);

        var retry = await Function(h).RunAsync(Set("tumxuk-2025", 2025), Ct);

        Assert.Equal(new AwaitingEnrolmentsResult(1, 1, 0), retry);
        Assert.Equal(decided, await h.Store.GetExemptionAsync("tumxuk-2025", 2025, h.Keys.KeyOf(id), Ct));
        Assert.Single(await h.Store.ReadAuditsAsync(h.Keys.KeyOf(id), Ct), a => a.Change == "EnrolmentParameters");
    }

    private static async Task<EnrolmentRecord> EnrolmentOf(LedgerHarness h, IdNumber id) =>
        Assert.Single((await h.Records.GetAsync(id, Ct))!.Enrolments);
}
