using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>The timers of the yearly runs (<see cref="YearlyRunTimer"/>; schedules in <see cref="YearlySchedules"/>).</summary>
public sealed class YearlyRunFunctions(YearlyRunTimers timers)
{
    [Function(JieyangPrepayment.RunName)]
    public Task RunJieyangPrepayment([TimerTrigger("%Runs:JieyangPrepaymentSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers[JieyangPrepayment.RunName].RunScheduledAsync(cancellationToken);

    [Function(MeizhouPremiumInstalment.AprilName)]
    public Task RunMeizhouPremiumApril([TimerTrigger("%Runs:MeizhouPremiumAprilSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers[MeizhouPremiumInstalment.AprilName].RunScheduledAsync(cancellationToken);

    [Function(MeizhouPremiumClearing.RunName)]
    public Task RunMeizhouPremiumClearing([TimerTrigger("%Runs:MeizhouPremiumClearingSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers[MeizhouPremiumClearing.RunName].RunScheduledAsync(cancellationToken);

    [Function(MeizhouPremiumInstalment.JulyName)]
    public Task RunMeizhouPremiumJuly([TimerTrigger("%Runs:MeizhouPremiumJulySchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers[MeizhouPremiumInstalment.JulyName].RunScheduledAsync(cancellationToken);

    [Function(MeizhouSubsidyClearing.RunName)]
    public Task RunMeizhouSubsidyClearing([TimerTrigger("%Runs:MeizhouSubsidyClearingSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers[MeizhouSubsidyClearing.RunName].RunScheduledAsync(cancellationToken);

    [Function(MeizhouSubsidyPrefund.RunName)]
    public Task RunMeizhouSubsidyPrefund([TimerTrigger("%Runs:MeizhouSubsidyPrefundSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers[MeizhouSubsidyPrefund.RunName].RunScheduledAsync(cancellationToken);

    [Function(BaoshanCoFunding.RunName)]
    public Task RunBaoshanCoFunding([TimerTrigger("%Runs:BaoshanCoFundingSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers[BaoshanCoFunding.RunName].RunScheduledAsync(cancellationToken);

    [Function(BaoshanOverspendSharing.RunName)]
    public Task RunBaoshanOverspendSharing([TimerTrigger("%Runs:BaoshanOverspendSharingSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers[BaoshanOverspendSharing.RunName].RunScheduledAsync(cancellationToken);

    [Function(FundYearEndRollover.RunName)]
    public Task RunFundYearEndRollover([TimerTrigger("%Runs:FundYearEndRolloverSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        timers[FundYearEndRollover.RunName].RunScheduledAsync(cancellationToken);
}
