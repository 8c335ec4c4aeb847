using MedicalAssistance.Hosting.Timers;

namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// The yearly runs (<see cref="YearlyRunFunctions"/>): one <see cref="IYearlyRule"/> per run, each with its timer, also registered as
/// an <see cref="ITimerPeriodRun"/> so <c>run {name} --period yyyy</c> and <c>POST /api/runs/{name}?period=yyyy</c> reach it.
/// Part of <see cref="RunsFeature.AddRuns"/> (it needs the run store, the journal, the budgets and the outputs registered there).
/// </summary>
public static class YearlyRunsFeature
{
    public static IServiceCollection AddYearlyRuns(this IServiceCollection services)
    {
        services.AddSingleton<FundFigures>();
        services.AddSingleton<IYearlyRule>(sp => new MeizhouPremiumInstalment(MeizhouPremiumInstalment.AprilName, 4, 0.5m, sp.GetRequiredService<FundFigures>()));
        services.AddSingleton<IYearlyRule>(sp => new MeizhouPremiumInstalment(MeizhouPremiumInstalment.JulyName, 7, 0.4m, sp.GetRequiredService<FundFigures>()));
        services.AddSingleton<IYearlyRule, MeizhouPremiumClearing>();
        services.AddSingleton<IYearlyRule, MeizhouSubsidyClearing>();
        services.AddSingleton<IYearlyRule, MeizhouSubsidyPrefund>();
        services.AddSingleton<IYearlyRule, JieyangPrepayment>();
        services.AddSingleton<IYearlyRule, BaoshanCoFunding>();
        services.AddSingleton<IYearlyRule, BaoshanOverspendSharing>();
        services.AddSingleton<IYearlyRule, FundYearEndRollover>();
        services.AddSingleton<YearlyRunTimers>();
        foreach (var (run, _, _) in YearlySchedules.All)
        {
            services.AddSingleton<ITimerPeriodRun>(sp => sp.GetRequiredService<YearlyRunTimers>()[run]);
        }

        return services;
    }
}
