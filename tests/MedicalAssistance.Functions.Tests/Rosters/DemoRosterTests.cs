using MedicalAssistance.Functions.CommandLine;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Rosters.Demo;
using MedicalAssistance.Functions.Rosters.Validation;
using MedicalAssistance.Functions.Rosters;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Rosters;

public sealed class DemoRosterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Each_demo_roster_reads_back_and_validates_for_its_department_except_the_one_deliberate_error()
    {
        for (var d = 0; d < DemoDepartments.All.Count; d++)
        {
            var department = DemoDepartments.All[d];
            var rows = await TestRosters.ReadAllAsync(DemoRosters.Build(department, d));
            var checker = new RosterRowChecker(department, new DateOnly(2025, 12, 31));
            var errors = new List<RowError>();
            var good = rows.Select(r => checker.Check(r, errors)).OfType<RosterRow>().ToList();

            Assert.Equal(7, rows.Count);
            string[] expected = department.Code == "meizhou-civil" ? [RosterRowErrorCodes.InvalidCheckDigit] : [];
            Assert.Equal(expected, errors.Select(e => e.Code));
            Assert.Contains(good, r => r.Change == RosterChange.Exit);
        }
    }

    [Fact]
    public async Task Seed_demo_loads_the_demo_people_through_roster_intake_and_prints_department_keys_idempotently()
    {
        string[] args =
        [
            $"--{StorageAccount.ConnectionStringKey}={azurite.ConnectionString}", .. TestPersonSecrets.NewArgs(),
            $"--Rosters:Container={AzuriteFixture.UniqueName("rosters")}",
            $"--Rosters:ReportsContainer={AzuriteFixture.UniqueName("reports")}",
            $"--Rosters:Queue={AzuriteFixture.UniqueName("rosterq")}",
            .. TestRosters.PrivateClaimArgs(),
        ];

        using var first = new StringWriter();
        Assert.Equal(FunctionsCommandLine.ExitOk, await SeedDemoCommand.RunAsync(args, first));
        using var second = new StringWriter();
        Assert.Equal(FunctionsCommandLine.ExitOk, await SeedDemoCommand.RunAsync(args, second));

        var batches = DemoDepartments.All.Count;
        // Every demo row but the deliberate error is applied, once: the second run finds every batch done.
        var line = $"rosters: {batches} demo batches, {batches * 7} rows ({batches * 7 - 1} applied, 0 unchanged, 1 rejected)";
        Assert.Contains(line, first.ToString(), StringComparison.Ordinal);
        Assert.Contains(line, second.ToString(), StringComparison.Ordinal);
        // Demo enrolment parameters are set once and then left to the operator.
        Assert.Contains("enrolment parameters: demo values for ", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("(0 set, 10 kept as they were)", second.ToString(), StringComparison.Ordinal);
        Assert.Contains("key meizhou-civil: ", second.ToString(), StringComparison.Ordinal);
        Assert.Contains("key baoshan-union: ", second.ToString(), StringComparison.Ordinal);
    }
}
