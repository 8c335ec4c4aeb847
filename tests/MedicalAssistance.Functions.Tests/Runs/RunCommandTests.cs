using MedicalAssistance.Functions.CommandLine;
using MedicalAssistance.Functions.Runs;
using MedicalAssistance.Functions.Runs.Settlement;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.Extensions.Configuration;
using static MedicalAssistance.Functions.Tests.Rosters.TestRosters;

namespace MedicalAssistance.Functions.Tests.Runs;

/// <summary><c>run monthly-settlement --period yyyy-MM</c>: what a Container Apps job executes, exactly once per period.</summary>
public sealed class RunCommandTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_run_command_settles_a_closed_month_once_and_refuses_the_current_month()
    {
        var runsTable = AzuriteFixture.UniqueName("runs");
        string[] configuration =
        [
            $"--{StorageAccount.ConnectionStringKey}={azurite.ConnectionString}", .. TestSecrets.Args, .. PrivateClaimArgs(),
            $"--Persons:Table={AzuriteFixture.UniqueName("persons")}", $"--Persons:ExemptionTable={AzuriteFixture.UniqueName("exempt")}",
            $"--Runs:Table={runsTable}", $"--Runs:PaymentTable={AzuriteFixture.UniqueName("runpay")}",
            $"--Runs:JournalTable={AzuriteFixture.UniqueName("journal")}", $"--Runs:FundBudgetTable={AzuriteFixture.UniqueName("budgets")}",
            $"--Runs:ReportsContainer={AzuriteFixture.UniqueName("runreports")}",
        ];
        var storage = new StorageAccount(azurite.ConnectionString);
        await FunctionsApp.StorageLayout(new ConfigurationBuilder().AddCommandLine(configuration).Build()).EnsureCreatedAsync(storage, Ct);
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(FunctionsCommandLine.ExitOk, await RunCommand.RunAsync([MonthlySettlement.RunName, "--period", "2025-09", .. configuration], output, error));
        Assert.Equal(FunctionsCommandLine.ExitOk, await RunCommand.RunAsync([MonthlySettlement.RunName, "--period", "2025-09", .. configuration], output, error));
        var thisMonth = MedicalAssistance.Functions.Calendar.ChinaTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var refused = await RunCommand.RunAsync([MonthlySettlement.RunName, "--period", thisMonth, .. configuration], output, error);

        var (state, _) = (await new RunStore(storage, runsTable).GetAsync(MonthlySettlement.RunName, "2025-09", Ct))!.Value;
        Assert.Equal((RunStatus.Done, 1), (state.Status, state.Attempt));
        Assert.NotEqual(FunctionsCommandLine.ExitOk, refused);
        Assert.Contains("has not ended", error.ToString(), StringComparison.Ordinal);
        Assert.Null(await new RunStore(storage, runsTable).GetAsync(MonthlySettlement.RunName, thisMonth, Ct));
    }
}
