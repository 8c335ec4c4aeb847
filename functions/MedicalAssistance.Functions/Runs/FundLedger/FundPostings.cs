using MedicalAssistance.Functions.Runs.Settlement;

namespace MedicalAssistance.Functions.Runs.FundLedger;

/// <summary>
/// Turns a settlement run's lines into balanced journal lines per profile, in memory bounded by profiles × subjects:
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

    public void Add(SettlementLine line)
    {
        var amount = line.Delta.Total;
        if (amount == 0m)
        {
            return;
        }

        var expense = line.Inpatient ? FundSubjects.InpatientAssistance : FundSubjects.OutpatientAssistance;
        if (amount > 0m)
        {
            Post(line.Profile, expense, JournalSide.Debit, amount);
            Post(line.Profile, FundSubjects.ExpenditureAccount, JournalSide.Credit, amount);
        }
        else
        {
            var credit = line.AccountingYear < periodYear ? FundSubjects.CrossYearRecovered : expense;
            Post(line.Profile, FundSubjects.ExpenditureAccount, JournalSide.Debit, -amount);
            Post(line.Profile, credit, JournalSide.Credit, -amount);
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
