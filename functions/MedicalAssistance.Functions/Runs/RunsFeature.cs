using MedicalAssistance.Functions.Runs.FundBudgets;
using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Functions.Runs.Settlement;
using MedicalAssistance.Functions.Runs.Yearly;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Timers;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// The monthly and yearly runs: the run store (exactly once per name and period), monthly-settlement, the fund ledger, the fund
/// budgets and the reports (functions in <see cref="RunHttpFunctions"/>, <see cref="FundBudgetHttpFunctions"/> and <see cref="MonthlySettlementFunctions"/>). Needs the claims and reimbursements features (AddClaims, AddReimbursements).
/// </summary>
public static class RunsFeature
{
    public static IServiceCollection AddRuns(this IServiceCollection services)
    {
        services.AddOptions<RunFeatureOptions>().BindConfiguration(RunFeatureOptions.Section)
            .Validate(o => o.StaleAfter > TimeSpan.Zero && o.ProgressEvery > 0 && o.Parallelism is > 0 and <= 64,
                "Runs:StaleAfter must be positive, Runs:ProgressEvery at least 1 and Runs:Parallelism 1 to 64.")
            .ValidateOnStart();
        services.AddStorageTables<RunFeatureOptions>(o => o.Table, o => o.PaymentTable, o => o.JournalTable, o => o.FundBudgetTable);
        services.AddStorageContainers<RunFeatureOptions>(o => o.ReportsContainer);
        services.AddSingleton(sp => new RunStore(sp.GetRequiredService<StorageAccount>(), Options(sp).Table));
        services.AddSingleton(sp => new ClaimPaymentStore(sp.GetRequiredService<StorageAccount>(), Options(sp).PaymentTable));
        services.AddSingleton(sp => new FundJournalStore(sp.GetRequiredService<StorageAccount>(), Options(sp).JournalTable));
        services.AddSingleton(sp => new RunOutputs(sp.GetRequiredService<StorageAccount>(), Options(sp).ReportsContainer));
        services.AddSingleton(sp => new FundBudgetStore(sp.GetRequiredService<StorageAccount>(), Options(sp).FundBudgetTable));
        services.AddSingleton<PeriodRunner>();
        services.AddSingleton<MonthlySettlement>();
        services.AddSingleton<ISettlementLineObserver, ReimbursementPayments>();
        services.AddSingleton<IRunRequestListener, QueuedRuns>();
        services.AddSingleton<MonthlySettlementTimer>();
        services.AddSingleton<ITimerPeriodRun>(sp => sp.GetRequiredService<MonthlySettlementTimer>());
        services.AddYearlyRuns();
        return services;
    }

    private static RunFeatureOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<RunFeatureOptions>>().Value;
}
