namespace MedicalAssistance.Functions.Runs.EnrolmentList;

/// <summary>One line of counties.csv: a county's new, changed and withdrawn subsidised enrolments of the month and the subsidy change.</summary>
public sealed record CountyRow(string Profile, string County, int New, int Changed, int Withdrawn, decimal Subsidy);
