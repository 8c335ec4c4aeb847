namespace MedicalAssistance.Functions.Runs.EnrolmentList;

/// <summary>The settings of run monthly-enrolment-list, in configuration section <c>Runs</c> next to the other runs' (a test host keeps its own table).</summary>
public sealed class EnrolmentListOptions
{
    public const string Section = RunFeatureOptions.Section;

    /// <summary>
    /// Schedule of timer monthly-enrolment-list (<c>Runs:MonthlyEnrolmentListSchedule</c>, read by the trigger of both hosts):
    /// the 1st of each month at 03:00 Asia/Shanghai, for the month that just ended (<see cref="MonthlyEnrolmentListTimer"/>).
    /// </summary>
    public string MonthlyEnrolmentListSchedule { get; set; } = "0 0 3 1 * *";

    /// <summary>Per exemption-ledger entry, which lists sent which of its versions to the insurer (<c>Runs:EnrolmentListingTable</c>).</summary>
    public string EnrolmentListingTable { get; set; } = "enrolmentlistings";
}
