namespace MedicalAssistance.Functions.Runs.EnrolmentList;

/// <summary>
/// The enrolment list summed per profile and county while its lines are written (memory grows with the counties, not the
/// persons): how many entries are new, changed and withdrawn, and the subsidy the fund pays for them.
/// </summary>
public sealed class CountyTable
{
    private readonly SortedDictionary<(string Profile, string County), CountyRow> _rows = new();

    public void Add(EnrolmentListLine line)
    {
        var key = (line.Entry.Profile, line.County);
        var row = _rows.GetValueOrDefault(key) ?? new CountyRow(line.Entry.Profile, line.County, 0, 0, 0, 0m);
        _rows[key] = line.Listing.Kind switch
        {
            EnrolmentListingKind.New => row with { New = row.New + 1 },
            EnrolmentListingKind.Changed => row with { Changed = row.Changed + 1 },
            _ => row with { Withdrawn = row.Withdrawn + 1 },
        } with { Subsidy = row.Subsidy + line.Listing.SubsidyDelta };
    }

    public IReadOnlyList<CountyRow> Rows() => [.. _rows.Values];

    /// <summary>The run's totals per profile: count = lines of the list, total = the subsidy change (the sums of counties.csv).</summary>
    public IReadOnlyDictionary<string, RunTotals> Totals() => _rows.Values
        .GroupBy(r => r.Profile, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => new RunTotals(g.Sum(r => r.New + r.Changed + r.Withdrawn), 0m, 0m, 0m, g.Sum(r => r.Subsidy)), StringComparer.Ordinal);
}
