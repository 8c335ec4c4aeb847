namespace MedicalAssistance.Functions.Enrolment.Parameters;

/// <summary>Configuration section <c>Enrolment</c>: where the operator-set parameters live and the queue their completion listens on (tests use their own).</summary>
public sealed class EnrolmentParametersOptions
{
    public const string Section = "Enrolment";

    /// <summary><c>Enrolment:ParametersTable</c>.</summary>
    public string ParametersTable { get; set; } = EnrolmentParameterStore.TableName;

    /// <summary><c>Enrolment:ParametersQueue</c>.</summary>
    public string ParametersQueue { get; set; } = "enrolment-parameters";
}
