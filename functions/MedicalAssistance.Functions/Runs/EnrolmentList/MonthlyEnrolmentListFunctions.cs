using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Runs.EnrolmentList;

public sealed class MonthlyEnrolmentListFunctions(MonthlyEnrolmentListTimer list)
{
    /// <summary>The insurer's list of the previous month's subsidised enrolments and exemption changes (<see cref="MonthlyEnrolmentListTimer"/>).</summary>
    [Function(MonthlyEnrolmentList.RunName)]
    public Task ListMonth([TimerTrigger("%Runs:MonthlyEnrolmentListSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        list.RunScheduledAsync(cancellationToken);
}
