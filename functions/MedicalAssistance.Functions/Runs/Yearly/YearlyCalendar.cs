namespace MedicalAssistance.Functions.Runs.Yearly;

/// <summary>
/// When a yearly run may run for fund year Y (period <c>yyyy</c>), in Asia/Shanghai. A run due within its year (a prepayment, an
/// instalment, a co-funding deadline) opens on its due date <paramref name="DueMonth"/>/<paramref name="DueDay"/> of Y; a run that
/// looks back on the year (a clearing, the year end) opens once Y has ended, on 1 January of Y + 1. Its timer fires in Y for the
/// first kind and in Y + 1 for the second (<see cref="ScheduledYear"/>). This is the rule behind 409 <c>PERIOD_NOT_CLOSED</c>.
/// </summary>
public sealed record YearlyCalendar(int DueMonth, int DueDay, bool LooksBack)
{
    public static YearlyCalendar DueOn(int month, int day) => new(month, day, false);

    public static YearlyCalendar AfterYearEnd { get; } = new(1, 1, true);

    public DateOnly OpensOn(int year) => LooksBack ? new DateOnly(year + 1, 1, 1) : new DateOnly(year, DueMonth, DueDay);

    /// <summary>The fund year a scheduled occurrence on <paramref name="today"/> runs for.</summary>
    public int ScheduledYear(DateOnly today) => LooksBack ? today.Year - 1 : today.Year;
}
