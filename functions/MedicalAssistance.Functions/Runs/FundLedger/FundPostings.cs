using MedicalAssistance.Functions.Runs.Settlement;

namespace MedicalAssistance.Functions.Runs.FundLedger;

/// <summary>
/// Turns a run's expenditures (a settlement run's lines, an enrolment list's subsidies) into balanced journal lines per profile, in memory bounded by profiles × subjects:
/// a payment (positive delta) debits the expenditure subject of its kind (inpatient / outpatient assistance) and credits the
/// expenditure account; a recovery (negative delta) debits the expenditure account and credits the expenditure subject when the
/// claim's accounting year is the period's year, or other income - cross-year recovered benefits (跨年度追回待遇, Art. 24) when
/// the money was spent in an earlier year.
/// </summary>
public sealed class FundPostings(string run, string period, int periodYear)
{
    private readonly SortedDictionary<(string Profile, string Code, string Detail, string Side), decimal> _sums = new();

    /// <summary>Goes on from the sums a checkpoint saved (<see cref="Lines"/> of the same run and period).</summary>
    public void Restore(IEnumerable<JournalLine>? lines)
    {
        foreach (var l in lines ?? [])
        {
            _sums[(l.Profile, l.Code, l.Detail, l.Side)] = l.Amount;
        }
    }

    public void Add(SettlementLine line) =>
        AddExpenditure(line.Profile, line.Inpatient ? FundSubjects.InpatientAssistance : FundSubjects.OutpatientAssistance, line.Delta.Total, line.AccountingYear);

    /// <summary>
    /// A change of an expenditure of <paramref name="accountingYear"/> on <paramref name="expense"/>: a payment (positive) debits
    /// the expenditure subject and credits the expenditure account; a recovery (negative) debits the expenditure account and
    /// credits the expenditure subject, or cross-year recovered benefits when the money was spent in an earlier year.
    /// </summary>
    public void AddExpenditure(string profile, FundSubject expense, decimal amount, int accountingYear)
    {
        if (amount == 0m)
        {
            return;
        }

        if (amount > 0m)
        {
            Post(profile, expense, JournalSide.Debit, amount);
            Post(profile, FundSubjects.ExpenditureAccount, JournalSide.Credit, amount);
        }
        else
        {
            var credit = accountingYear < periodYear ? FundSubjects.CrossYearRecovered : expense;
            Post(profile, FundSubjects.ExpenditureAccount, JournalSide.Debit, -amount);
            Post(profile, credit, JournalSide.Credit, -amount);
        }
    }

    public IReadOnlyList<JournalLine> Lines() =>
        [.. _sums.Select(s => new JournalLine(s.Key.Profile, period, run, s.Key.Code, s.Key.Detail, s.Key.Side, s.Value))];

    private void Post(string profile, FundSubject subject, string side, decimal amount)
    {
        var key = (profile, subject.Code, subject.Detail, side);
        _sums[key] = _sums.GetValueOrDefault(key) + amount;
    }
}
