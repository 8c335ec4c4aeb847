namespace MedicalAssistance.Functions.Runs.FundLedger;

/// <summary>
/// One line of the fund journal: a run's posting to a subject of a county's books (the profile's pooling area, 统筹区) in a
/// month. <see cref="Amount"/> is never negative; a correction is a line on the other side, never an edit.
/// </summary>
public sealed record JournalLine(string Profile, string Period, string Run, string Code, string Detail, string Side, decimal Amount);
