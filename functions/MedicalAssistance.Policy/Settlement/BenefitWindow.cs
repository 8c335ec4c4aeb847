using MedicalAssistance.Policy.Profiles;
using MedicalAssistance.Policy.Scenarios;

namespace MedicalAssistance.Policy.Settlement;

/// <summary>
/// One covered identity's benefit window under a profile (scenario-format.md §4.4), as day numbers so that the
/// per-claim test is a few integer comparisons.
/// </summary>
internal readonly struct BenefitWindow
{
    public const int Open = int.MaxValue;

    public BenefitWindow(int slot, int rank, int identityIndex, int first, int last, int end, int retroFirst, int determinedOn)
    {
        DeterminedOnYear = DateOnly.FromDayNumber(determinedOn).Year;
        Slot = slot;
        Rank = rank;
        IdentityIndex = identityIndex;
        First = first;
        Last = last;
        End = end;
        RetroFirst = retroFirst;
        DeterminedOn = determinedOn;
    }

    public int Slot { get; }
    public int Rank { get; }

    /// <summary>Index in <see cref="Person.Identities"/>, for explanations.</summary>
    public int IdentityIndex { get; }

    /// <summary>First day of benefits (day number).</summary>
    public int First { get; }

    /// <summary>Last day of benefits (day number), <see cref="Open"/> when open-ended.</summary>
    public int Last { get; }

    /// <summary>The identity's own end date (day number), <see cref="Open"/> when open-ended.</summary>
    public int End { get; }

    /// <summary>First day of a retro window (expenditure type), or <see cref="Open"/> when the type has none.</summary>
    public int RetroFirst { get; }

    public int DeterminedOn { get; }

    /// <summary>Accounting year of claims in the retro window (MZ-2).</summary>
    public int DeterminedOnYear { get; }

    /// <summary>Whether the identity gives a right to assistance for a claim (outpatient date V = A = D, or stay [A, D]).</summary>
    public bool Qualifies(StayRule stay, bool inpatient, int admission, int discharge)
    {
        if (!inpatient)
        {
            return First <= admission && admission <= Last;
        }

        return stay switch
        {
            StayRule.Overlap => First <= discharge && End >= admission,
            StayRule.DischargeInside => First <= discharge && discharge <= Last,
            _ => First <= discharge && (End == Open || (Last >= discharge && !EndedDuring(admission, discharge))),
        };
    }

    /// <summary>Inner Mongolia Art. 15: the identity ended during the stay (A ≤ end &lt; D).</summary>
    public bool EndedDuring(int admission, int discharge) => End != Open && admission <= End && End < discharge;

    /// <summary>Meizhou MZ-2: a service date inside the retro window before determination.</summary>
    public bool InRetroWindow(int serviceDate) => RetroFirst != Open && RetroFirst <= serviceDate && serviceDate < DeterminedOn;

    public static BenefitWindow[] Build(PolicyProfile profile, Person person)
    {
        var windows = new List<BenefitWindow>(person.Identities.Count);
        for (var i = 0; i < person.Identities.Count; i++)
        {
            var identity = person.Identities[i];
            var rank = identity.Type.Rank;
            var slot = profile.SlotOf(rank);
            if (slot == 0)
            {
                continue;
            }

            var retro = profile.IsRetroType(rank);
            var retroFirst = retro ? PolicyDates.Minus12MonthsDayNumber(identity.DeterminedOn) : Open;
            var first = retro
                ? retroFirst
                : profile.WindowStart == WindowStartRule.Start
                    ? identity.Start.DayNumber
                    : PolicyDates.FirstOfNextMonthDayNumber(identity.DeterminedOn);
            var end = identity.End?.DayNumber ?? Open;
            var last = identity.End is not { } e ? Open
                : profile.WindowEnd == WindowEndRule.MonthEnd ? PolicyDates.MonthEnd(e).DayNumber
                : e.DayNumber;
            windows.Add(new BenefitWindow(slot, rank, i, first, last, end, retroFirst, identity.DeterminedOn.DayNumber));
        }

        // Glossary rank order, so that ties between equal categories go to the earlier rank (G-4).
        windows.Sort((a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : a.IdentityIndex.CompareTo(b.IdentityIndex));
        return [.. windows];
    }
}
