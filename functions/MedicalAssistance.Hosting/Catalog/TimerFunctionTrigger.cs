namespace MedicalAssistance.Hosting.Catalog;

/// <summary><c>[TimerTrigger]</c>: the 6-field NCRONTAB schedule as declared (usually an app setting reference, <c>%…%</c>).</summary>
public sealed record TimerFunctionTrigger(string Schedule) : FunctionTrigger
{
    public override string BindingType => "timerTrigger";
}
