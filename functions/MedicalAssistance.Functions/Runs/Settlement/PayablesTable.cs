namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>
/// The payables of a settlement run, summed per profile, facility and channel while the claims are read: memory grows with
/// the number of facilities, not of claims. Adjustment lines count too: a top-up is owed, a recovery offsets what is owed.
/// </summary>
public sealed class PayablesTable
{
    private readonly SortedDictionary<(string Profile, string Code, string Name, string Channel), (int Count, PaidAmounts Amounts)> _rows = new();

    /// <summary>The sums a checkpoint saved (<see cref="Rows"/>), to go on adding to.</summary>
    public static PayablesTable From(IEnumerable<PayableRow>? rows)
    {
        var table = new PayablesTable();
        foreach (var r in rows ?? [])
        {
            table._rows[(r.Profile, r.FacilityCode, r.FacilityName, r.Channel)] = (r.Count, r.Amounts);
        }

        return table;
    }

    public void Add(SettlementLine line)
    {
        var key = (line.Profile, line.FacilityCode, line.FacilityName, line.Channel);
        var (count, amounts) = _rows.GetValueOrDefault(key, (0, PaidAmounts.Zero));
        _rows[key] = (count + 1, amounts.Plus(line.Delta));
    }

    public IReadOnlyList<PayableRow> Rows() =>
        [.. _rows.Select(r => new PayableRow(r.Key.Profile, r.Key.Code, r.Key.Name, r.Key.Channel, r.Value.Count, r.Value.Amounts))];

    /// <summary>The run's totals per profile: by construction the sums of payables.csv.</summary>
    public IReadOnlyDictionary<string, RunTotals> Totals() => Rows()
        .GroupBy(r => r.Profile, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => new RunTotals(g.Sum(r => r.Count), g.Sum(r => r.Amounts.Assistance), g.Sum(r => r.Amounts.Tilted),
            g.Sum(r => r.Amounts.Secondary), g.Sum(r => r.Amounts.Total)), StringComparer.Ordinal);
}
