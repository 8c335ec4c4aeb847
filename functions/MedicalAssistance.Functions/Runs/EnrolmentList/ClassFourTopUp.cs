namespace MedicalAssistance.Functions.Runs.EnrolmentList;

/// <summary>
/// A Tumxuk class-4 claim whose result changed in the month: the manual top-up (零星二次补差) to pay by <see cref="DueBy"/>
/// (Art. 17: class 4 is settled by manual top-up, reaching back 12 months, paid by the 25th of each month).
/// </summary>
public sealed record ClassFourTopUp(string Profile, string ClaimId, string MaskedIdNumber, DateOnly ServiceDate, int AccountingYear, decimal Amount, DateOnly DueBy);
