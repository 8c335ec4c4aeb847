using System.Runtime.CompilerServices;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Policy.Profiles;
using MedicalAssistance.Policy.Scenarios;

namespace MedicalAssistance.Policy.Settlement;

/// <summary>Main-assistance terms of one category for one kind of care (scenario-format.md §4.8).</summary>
internal struct KindTerms
{
    public KindCoverage Coverage;
    public decimal Ratio;
    public decimal Cap;
    public CapPool Pool;
}

/// <summary>Everything one category slot pays: deductible, per-kind terms, tilted terms (§4.8–4.9).</summary>
internal struct SlotTerms
{
    public bool Defined;
    public decimal Deductible;
    public KindTerms Outpatient;
    public KindTerms Inpatient;
    public KindTerms ChronicOutpatient;
    public bool HasTilted;
    public decimal TiltedDeductible;
    public decimal TiltedRatio;
    public decimal TiltedCap;
}

/// <summary>An early-warning level: the alert raised when the year's personal burden exceeds the threshold.</summary>
internal readonly record struct AlertLevel(decimal Threshold, string Alert);

/// <summary>
/// A profile's values combined with the scenario's operator parameters, compiled once per scenario into arrays indexed
/// by category slot. Never falls back to a default: a missing parameter is a bug here, because validation rejects it first.
/// </summary>
internal sealed class SettlementTerms
{
    private readonly SlotTerms[] slots = new SlotTerms[PolicyProfile.SlotCount];

    private SettlementTerms(AlertLevel[] alerts) => Alerts = alerts;

    /// <summary>Inner Mongolia early-warning levels (Art. 8), empty for other profiles.</summary>
    public AlertLevel[] Alerts { get; }

    public ref SlotTerms Slot(int slot) => ref slots[slot];

    public static ref KindTerms Kind(ref SlotTerms terms, ClaimKind kind)
    {
        switch (kind)
        {
            case ClaimKind.Inpatient:
                return ref terms.Inpatient;
            case ClaimKind.ChronicOutpatient:
                return ref terms.ChronicOutpatient;
            default:
                return ref terms.Outpatient;
        }
    }

    // Terms depend only on the profile and the parameters, and a settlement run shares one parameter set among all the
    // persons of a region and year: compile once per (parameters, profile) instead of once per person.
    private static readonly ConditionalWeakTable<ScenarioParameters, SettlementTerms?[]> Compiled = new();

    public static SettlementTerms For(PolicyProfile profile, ScenarioParameters parameters)
    {
        var byProfile = Compiled.GetValue(parameters, _ => new SettlementTerms?[IdentityTypes.ProfileIds.Count]);
        var index = profile.Index;
        var terms = Volatile.Read(ref byProfile[index]);
        if (terms is null)
        {
            terms = Build(profile, parameters);
            Volatile.Write(ref byProfile[index], terms);
        }

        return terms;
    }

    public static SettlementTerms Build(PolicyProfile profile, ScenarioParameters parameters)
    {
        var alerts = profile.Document.EarlyWarning is { } warning
            ? warning.Levels
                .Select(l => new AlertLevel(Money.Round2(l.Share * parameters.Amount(warning.Parameter)), l.Alert))
                .ToArray()
            : [];
        var terms = new SettlementTerms(alerts);
        if (profile.OperatorBenefits)
        {
            foreach (var (code, rule) in parameters.Benefits)
            {
                int slot;
                if (code == IdentityTypes.TwoDiseaseChild)
                {
                    slot = PolicyProfile.TwoDiseaseChildSlot;
                }
                else if (IdentityTypes.Find(code) is { } type && profile.Covers(type))
                {
                    slot = type.Rank;
                }
                else
                {
                    continue; // keys a profile does not use are ignored (§3.1)
                }

                terms.slots[slot] = FromOperatorRule(rule);
            }
        }
        else
        {
            foreach (var c in profile.Document.Classes)
            {
                terms.slots[c.Class] = FromClass(c, parameters);
            }
        }

        return terms;
    }

    private static SlotTerms FromOperatorRule(BenefitRule rule)
    {
        var shared = rule.AnnualCap is not null;
        KindTerms Kind(decimal? splitCap, CapPool splitPool) => new()
        {
            Coverage = KindCoverage.Covered,
            Ratio = rule.Ratio,
            Cap = shared ? rule.AnnualCap!.Value : splitCap ?? throw new InvalidOperationException("Benefit rule without a cap."),
            Pool = shared ? CapPool.Shared : splitPool,
        };
        return new SlotTerms
        {
            Defined = true,
            Deductible = rule.Deductible,
            Outpatient = Kind(rule.OutpatientAnnualCap, CapPool.Outpatient),
            ChronicOutpatient = Kind(rule.OutpatientAnnualCap, CapPool.Outpatient),
            Inpatient = Kind(rule.InpatientAnnualCap, CapPool.Inpatient),
            HasTilted = rule.Tilted is not null,
            TiltedDeductible = rule.Tilted?.Deductible ?? 0m,
            TiltedRatio = rule.Tilted?.Ratio ?? 0m,
            TiltedCap = rule.Tilted?.AnnualCap ?? 0m,
        };
    }

    private static SlotTerms FromClass(ClassDocument c, ScenarioParameters parameters)
    {
        KindTerms Kind(KindTermsDocument? k) => k is null
            ? new KindTerms { Coverage = KindCoverage.NotCovered }
            : new KindTerms
            {
                Coverage = k.EmergencyOnly ? KindCoverage.EmergencyOnly : KindCoverage.Covered,
                Ratio = k.Ratio,
                Cap = k.Cap ?? parameters.Amount(k.CapParameter ?? throw new InvalidOperationException($"Class {c.Class} has no cap.")),
                Pool = k.Pool switch
                {
                    "shared" => CapPool.Shared,
                    "outpatient" => CapPool.Outpatient,
                    "inpatient" => CapPool.Inpatient,
                    var other => throw new InvalidOperationException($"Unknown pool '{other}'."),
                },
            };
        var deductible = c.Deductible
            ?? (c.DeductibleShare is { } share
                ? Money.Round2(share.Share * parameters.Amount(share.Parameter))
                : throw new InvalidOperationException($"Class {c.Class} has no deductible."));
        return new SlotTerms
        {
            Defined = true,
            Deductible = deductible,
            Outpatient = Kind(c.Outpatient),
            Inpatient = Kind(c.Inpatient),
            ChronicOutpatient = Kind(c.ChronicOutpatient),
            HasTilted = c.Tilted is not null,
            TiltedDeductible = c.Tilted?.Deductible ?? 0m,
            TiltedRatio = c.Tilted?.Ratio ?? 0m,
            TiltedCap = c.Tilted?.AnnualCap ?? 0m,
        };
    }
}
