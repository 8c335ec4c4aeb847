using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Enrolment;
using MedicalAssistance.Functions.Rosters;
using MedicalAssistance.Functions.Tests.Persons;
using MedicalAssistance.Functions.Tests.Rosters.Ledger;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Enrolment;

public sealed class LedgerEnrolmentTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_meizhou_beneficiary_gets_an_enrolment_and_an_exemption_ledger_entry_and_a_late_note()
    {
        // Received Friday 2025-09-26; the 2nd working day after it is Monday 29th (Sunday 28th is 调休上班); processed Tuesday 30th.
        var received = new DateTimeOffset(2025, 9, 26, 17, 0, 0, TimeSpan.FromHours(8));
        var h = await LedgerHarness.CreateAsync(azurite, new DateTimeOffset(2025, 9, 30, 9, 0, 0, TimeSpan.FromHours(8)));
        await h.Parameters.PutAsync(IdentityTypes(), 2025, new EnrolmentParameters(380m, SubsidyRatios: new Dictionary<string, decimal> { ["DIBAO"] = 1m }), Ct);
        var id = TestIds.Make(new DateOnly(1975, 3, 3), 77);
        var department = DemoDepartments.All.Single(d => d.Code == "meizhou-civil");

        var outcome = await h.ApplyAsync(LedgerHarness.Batch("b1", department, received),
            new RosterRow(2, "王五", id.Value, "DIBAO", new DateOnly(2025, 9, 20), new DateOnly(2025, 9, 20), null, RosterChange.Add, Insurance: InsuranceStatus.None));

        var enrolment = Assert.Single((await h.Records.GetAsync(id, Ct))!.Enrolments);
        Assert.Equal((2025, EnrolmentStatus.Subsidised, 380.00m, true), (enrolment.Year, enrolment.Status, enrolment.Amount!.Value, enrolment.Late));
        Assert.Contains(outcome[0].Notes!, n => n.Contains("逾期", StringComparison.Ordinal));
        var exemption = await h.Store.GetExemptionAsync("meizhou-2025", 2025, h.Keys.KeyOf(id), Ct);
        Assert.NotNull(exemption);
        Assert.Equal((380.00m, EnrolmentStatus.Subsidised, id.Masked), (exemption.Amount!.Value, exemption.Status, exemption.MaskedIdNumber));
    }

    [Fact]
    public async Task Without_the_years_contribution_the_enrolment_awaits_the_parameter_and_the_note_says_so()
    {
        var received = new DateTimeOffset(2025, 4, 1, 10, 0, 0, TimeSpan.FromHours(8));
        var h = await LedgerHarness.CreateAsync(azurite, received);
        var id = TestIds.Make(new DateOnly(1950, 3, 3), 78);
        var department = DemoDepartments.All.Single(d => d.Code == "tumxuk-civil");

        var outcome = await h.ApplyAsync(LedgerHarness.Batch("b1", department, received),
            new RosterRow(2, "赵六", id.Value, "TEKUN", new DateOnly(2025, 3, 20), new DateOnly(2025, 4, 1), null, RosterChange.Add, Insurance: InsuranceStatus.None));

        var enrolment = Assert.Single((await h.Records.GetAsync(id, Ct))!.Enrolments);
        Assert.Equal((EnrolmentStatus.AwaitingParameter, (decimal?)null, SubsidyLevel.Full), (enrolment.Status, enrolment.Amount, enrolment.Level));
        Assert.Contains(outcome[0].Notes!, n => n.Contains("缺少运营参数", StringComparison.Ordinal));
        Assert.Equal(EnrolmentStatus.AwaitingParameter, (await h.Store.GetExemptionAsync("tumxuk-2025", 2025, h.Keys.KeyOf(id), Ct))!.Status);
    }

    [Fact]
    public async Task Tumxuk_flagging_more_than_five_working_days_after_the_push_is_noted_late()
    {
        var received = new DateTimeOffset(2025, 9, 30, 10, 0, 0, TimeSpan.FromHours(8)); // 5 working days → 2025-10-14
        var h = await LedgerHarness.CreateAsync(azurite, new DateTimeOffset(2025, 10, 15, 10, 0, 0, TimeSpan.FromHours(8)));
        var department = DemoDepartments.All.Single(d => d.Code == "tumxuk-rural");
        var onTime = await LedgerHarness.CreateAsync(azurite, new DateTimeOffset(2025, 10, 14, 10, 0, 0, TimeSpan.FromHours(8)));
        var row = new RosterRow(2, "钱七", TestIds.Make(new DateOnly(1990, 3, 3), 79).Value, "MONITORED_RURAL", new DateOnly(2025, 9, 1), new DateOnly(2025, 10, 1), null, RosterChange.Add, Insurance: InsuranceStatus.Employee);

        var lateOutcome = await h.ApplyAsync(LedgerHarness.Batch("b1", department, received), row);
        var onTimeOutcome = await onTime.ApplyAsync(LedgerHarness.Batch("b1", department, received), row);

        Assert.Contains(lateOutcome[0].Notes!, n => n.Contains("身份标识逾期：应于2025-10-14前完成", StringComparison.Ordinal));
        Assert.DoesNotContain(onTimeOutcome[0].Notes ?? [], n => n.Contains("身份标识逾期", StringComparison.Ordinal));
    }

    private static string IdentityTypes() => MedicalAssistance.Policy.Identities.IdentityTypes.Meizhou;
}
