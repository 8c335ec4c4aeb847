using MedicalAssistance.Policy.Profiles;
using MedicalAssistance.Policy.Scenarios;

namespace MedicalAssistance.Policy.Settlement;

/// <summary>
/// Settles a scenario's claims (scenario-format.md §4): candidates, category, gates, main, tilted and secondary
/// assistance, per person and accounting year. Pure and allocation-free on the span overload: the hot path of every
/// settlement run (see tests/benchmarks).
/// </summary>
public static class SettlementEngine
{
    private const int StackLimit = 64;

    /// <summary>Settles into new arrays.</summary>
    public static SettlementResult Settle(Scenario scenario)
    {
        var claims = new ClaimOutcome[scenario.Claims.Length];
        Span<YearOutcome> years = claims.Length <= StackLimit ? stackalloc YearOutcome[claims.Length] : new YearOutcome[claims.Length];
        var count = Settle(scenario, claims, years);
        return new SettlementResult(scenario, claims, years[..count].ToArray());
    }

    /// <summary>
    /// Settles into caller buffers: <paramref name="outcomes"/> in input order, <paramref name="years"/> ascending.
    /// Both need room for one entry per claim. Returns the number of years written.
    /// </summary>
    public static int Settle(Scenario scenario, Span<ClaimOutcome> outcomes, Span<YearOutcome> years)
    {
        var claims = scenario.Claims;
        var n = claims.Length;
        if (outcomes.Length < n || years.Length < n)
        {
            throw new ArgumentException("The output buffers need one entry per claim.");
        }

        // §4.3: ascending service date, ties in input order. Key = day number, then input index.
        Span<long> order = n <= StackLimit ? stackalloc long[n] : new long[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = ((long)claims[i].ServiceDate.DayNumber << 32) | (uint)i;
        }

        order.Sort();

        Span<YearState> states = n <= StackLimit ? stackalloc YearState[n] : new YearState[n];
        var stateCount = 0;
        foreach (var key in order)
        {
            var i = (int)(key & 0xFFFF_FFFF);
            var claim = claims[i];
            ref var o = ref outcomes[i];
            SettleClaim(scenario, claim, ref o, states, ref stateCount);

            // §4.12 year summary, kept with the year's accumulators.
            ref var year = ref YearOf(states, ref stateCount, o.AccountingYear);
            year.PersonalBurden += claim.PolicyScopeSelfPay + claim.OutOfPolicySelfPay;
            if (o.Reason == ZeroReason.None)
            {
                year.Assistance += o.Assistance;
                year.Tilted += o.Tilted;
                year.Secondary += o.Secondary;
                year.PersonalBurden -= o.Assistance + o.Tilted + o.Secondary;
            }
        }

        return Summarize(scenario, states[..stateCount], years);
    }

    private static void SettleClaim(Scenario scenario, Claim claim, ref ClaimOutcome o, Span<YearState> states, ref int stateCount)
    {
        var profile = scenario.Profile;
        var person = scenario.Person;
        var kind = claim.Kind;
        var inpatient = kind == ClaimKind.Inpatient;
        var admission = claim.Admission.DayNumber;
        var serviceDate = claim.ServiceDate;
        var service = serviceDate.DayNumber;

        // §4.2 eligible cost.
        var eligible = claim.PolicyScopeSelfPay;
        if (claim.InsuranceOf(person) == InsuranceStatus.None && claim.NotionalInsurancePayment is { } notional)
        {
            eligible = Math.Max(0m, eligible - notional);
        }

        // The standard of the service (discharge) year applies (Meizhou Art. 12(三)2), also to a retro claim charged elsewhere.
        var terms = scenario.TermsFor(serviceDate.Year);
        o = default;
        o.IdentityIndex = -1;
        o.Eligible = eligible;
        o.AccountingYear = serviceDate.Year;

        // §4.4–4.6 candidates and category.
        var windows = scenario.Windows;
        var facility = claim.Place;
        var tiltedConditionsMet = (!profile.TiltedRequiresReferral || claim.Referral) && (!profile.TiltedRequiresInProvince || facility.InProvince);
        var slot = 0;
        var year = serviceDate.Year;
        var identityIndex = -1;
        Step chosen = default;
        if (profile.Scheme == CategoryScheme.Classes)
        {
            for (var w = 0; w < windows.Length; w++)
            {
                ref readonly var window = ref windows[w];
                if ((slot == 0 || window.Slot < slot) && window.Qualifies(profile.Stay, inpatient, admission, service))
                {
                    slot = window.Slot;
                    identityIndex = window.IdentityIndex;
                }
            }
        }
        else
        {
            var bestTotal = -1m;
            for (var w = 0; w < windows.Length; w++)
            {
                ref readonly var window = ref windows[w];
                if (!window.Qualifies(profile.Stay, inpatient, admission, service))
                {
                    continue;
                }

                var candidateYear = profile.RetroChargedToDeterminationYear && window.InRetroWindow(service) ? window.DeterminedOnYear : serviceDate.Year;
                Evaluate(terms, window.Slot, claim, eligible, tiltedConditionsMet, candidateYear, states, stateCount, out var step);
                if (step.Assistance + step.Tilted > bestTotal)
                {
                    bestTotal = step.Assistance + step.Tilted;
                    chosen = step;
                    slot = window.Slot;
                    year = candidateYear;
                    identityIndex = window.IdentityIndex;
                }
            }

            if (profile.TwoDiseaseChild is { } twoDisease && QualifiesAsTwoDiseaseChild(twoDisease, person, claim))
            {
                Evaluate(terms, PolicyProfile.TwoDiseaseChildSlot, claim, eligible, tiltedConditionsMet, serviceDate.Year, states, stateCount, out var step);
                if (step.Assistance + step.Tilted > bestTotal)
                {
                    chosen = step;
                    slot = PolicyProfile.TwoDiseaseChildSlot;
                    year = serviceDate.Year;
                    identityIndex = -1;
                }
            }
        }

        if (slot == 0)
        {
            o.Reason = NoCandidateReason(scenario, inpatient, admission, service);
            return;
        }

        o.Slot = slot;
        o.IdentityIndex = identityIndex;
        o.AccountingYear = year;

        // §4.7 gates.
        ref var slotTerms = ref terms.Slot(slot);
        ref var kindTerms = ref SettlementTerms.Kind(ref slotTerms, kind);
        var gate = Gate(profile, person, claim, facility, kindTerms.Coverage);
        if (gate != ZeroReason.None)
        {
            o.Reason = gate;
            return;
        }

        if (profile.Scheme == CategoryScheme.Classes)
        {
            Evaluate(terms, slot, claim, eligible, tiltedConditionsMet, year, states, stateCount, out chosen);
        }

        // Commit the chosen category's step to the person's year (§4.8–4.10).
        ref var state = ref YearOf(states, ref stateCount, year);
        state.DeductibleUsed += chosen.Absorbed;
        if (chosen.ChargeInpatient)
        {
            state.PaidInpatient += chosen.Assistance;
        }
        else
        {
            state.PaidOutpatient += chosen.Assistance;
        }

        if (chosen.TiltedApplied)
        {
            state.TiltedDeductibleUsed += chosen.TiltedAbsorbed;
            state.TiltedPaid += chosen.Tilted;
        }

        o.DeductibleRemainingBefore = chosen.DeductibleRemaining;
        o.DeductibleApplied = chosen.Absorbed;
        o.CapRemainingBefore = chosen.CapRemaining;
        o.Assistance = chosen.Assistance;
        o.TiltedApplied = chosen.TiltedApplied;
        o.TiltedDeductibleRemainingBefore = chosen.TiltedDeductibleRemaining;
        o.TiltedDeductibleApplied = chosen.TiltedAbsorbed;
        o.TiltedCapRemainingBefore = chosen.TiltedCapRemaining;
        o.Tilted = chosen.Tilted;

        if (profile.HasSecondary)
        {
            // §4.10 (JY-1): tier of the year's cumulative self-paid amount, minus what was already awarded.
            state.SecondaryBase += eligible - chosen.Assistance + claim.OutOfPolicySelfPay;
            var tier = 0m;
            var floors = profile.SecondaryTierFloors;
            for (var t = 0; t < floors.Length; t++)
            {
                if (state.SecondaryBase >= floors[t])
                {
                    tier = profile.SecondaryTierAmounts[t];
                    break;
                }
            }

            o.SecondaryBase = state.SecondaryBase;
            o.SecondaryPaidBefore = state.SecondaryPaid;
            o.Secondary = Math.Max(0m, tier - state.SecondaryPaid);
            state.SecondaryPaid += o.Secondary;
        }

        // §4.11 zero reasons after the calculation.
        if (o.Assistance + o.Tilted + o.Secondary == 0m)
        {
            o.Reason = eligible == 0m ? ZeroReason.NoEligibleCost
                : chosen.Base == 0m ? ZeroReason.BelowDeductible
                : chosen.CapRemaining == 0m ? ZeroReason.CapExhausted
                : ZeroReason.NoBenefit;
        }
    }

    /// <summary>Main and tilted assistance of one category against the year's accumulators, without saving (§4.6, §4.8–4.9).</summary>
    private static void Evaluate(SettlementTerms terms, int slot, Claim claim, decimal eligible, bool tiltedConditionsMet, int year, Span<YearState> states, int stateCount, out Step step)
    {
        ref var slotTerms = ref terms.Slot(slot);
        if (!slotTerms.Defined)
        {
            throw new InvalidOperationException($"No benefit terms for category slot {slot} (validation should have required them).");
        }

        ref var kindTerms = ref SettlementTerms.Kind(ref slotTerms, claim.Kind);
        var index = FindYear(states, stateCount, year);
        ref readonly var state = ref index >= 0 ? ref states[index] : ref EmptyYear;

        step = default;
        step.DeductibleRemaining = Math.Max(0m, slotTerms.Deductible - state.DeductibleUsed);
        step.Absorbed = Math.Min(eligible, step.DeductibleRemaining);
        step.Base = eligible - step.Absorbed;
        var raw = Money.Times(step.Base, kindTerms.Ratio);
        step.ChargeInpatient = kindTerms.Pool switch
        {
            CapPool.Inpatient => true,
            CapPool.Outpatient => false,
            _ => claim.Kind == ClaimKind.Inpatient,
        };
        var paidSoFar = kindTerms.Pool switch
        {
            CapPool.Inpatient => state.PaidInpatient,
            CapPool.Outpatient => state.PaidOutpatient,
            _ => state.PaidInpatient + state.PaidOutpatient,
        };
        step.CapRemaining = Math.Max(0m, kindTerms.Cap - paidSoFar);
        step.Assistance = Math.Min(raw, step.CapRemaining);

        if (slotTerms.HasTilted && tiltedConditionsMet)
        {
            step.TiltedApplied = true;
            var residual = eligible - step.Assistance;
            step.TiltedDeductibleRemaining = Math.Max(0m, slotTerms.TiltedDeductible - state.TiltedDeductibleUsed);
            step.TiltedAbsorbed = Math.Min(residual, step.TiltedDeductibleRemaining);
            var tiltedRaw = Money.Times(residual - step.TiltedAbsorbed, slotTerms.TiltedRatio);
            step.TiltedCapRemaining = Math.Max(0m, slotTerms.TiltedCap - state.TiltedPaid);
            step.Tilted = Math.Min(tiltedRaw, step.TiltedCapRemaining);
        }
    }

    private static ZeroReason Gate(PolicyProfile profile, Person person, Claim claim, Facility facility, KindCoverage coverage)
    {
        if (profile.ResidentInsuranceOnly && claim.InsuranceOf(person) != InsuranceStatus.Resident)
        {
            return ZeroReason.InsuranceNotEligible;
        }

        if (!facility.Designated)
        {
            return ZeroReason.NonDesignatedFacility;
        }

        if (profile.ExclusionList && claim.Exclusion != Exclusion.None && !(claim.Exclusion == Exclusion.SelfHarm && claim.MentalDisorderOf(person)))
        {
            return ZeroReason.Excluded;
        }

        if (coverage == KindCoverage.NotCovered || (coverage == KindCoverage.EmergencyOnly && !claim.Emergency))
        {
            return ZeroReason.KindNotCovered;
        }

        if (profile.ReferralRequired && !claim.Referral && !claim.Emergency && !claim.FollowUp)
        {
            return ZeroReason.NoReferral;
        }

        return ZeroReason.None;
    }

    private static ZeroReason NoCandidateReason(Scenario scenario, bool inpatient, int admission, int discharge)
    {
        if (scenario.Profile.Stay == StayRule.EndedDuringStayNotPaid && inpatient)
        {
            foreach (var window in scenario.Windows)
            {
                if (window.First <= discharge && window.EndedDuring(admission, discharge))
                {
                    return ZeroReason.IdentityEndedDuringStay;
                }
            }
        }

        return scenario.HoldsCoveredIdentity ? ZeroReason.NotEligibleOnDate : ZeroReason.NoCoveredIdentity;
    }

    /// <summary>Meizhou two-disease rule (§4.4, MZ-4).</summary>
    internal static bool QualifiesAsTwoDiseaseChild(TwoDiseaseChildRule rule, Person person, Claim claim) =>
        claim.Kind == ClaimKind.Inpatient
        && (!rule.RequiresInCity || claim.Place.InCity)
        && (!rule.RequiresInsured || claim.InsuranceOf(person) != InsuranceStatus.None)
        && claim.Diagnosis is { } diagnosis && rule.Diagnoses.Contains(diagnosis)
        && PolicyDates.AgeOn(person.BirthDate, claim.Admission) <= rule.MaxAge;

    private static int FindYear(Span<YearState> states, int count, int year)
    {
        for (var i = 0; i < count; i++)
        {
            if (states[i].Year == year)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The state of an accounting year, created empty on first use.</summary>
    private static ref YearState YearOf(Span<YearState> states, ref int count, int year)
    {
        var index = FindYear(states, count, year);
        if (index < 0)
        {
            index = count++;
            states[index] = new YearState { Year = year };
        }

        return ref states[index];
    }

    /// <summary>§4.12: one entry per accounting year of the claim results, ascending; alerts as a bit mask.</summary>
    private static int Summarize(Scenario scenario, Span<YearState> states, Span<YearOutcome> years)
    {
        for (var i = 0; i < states.Length; i++)
        {
            var alerts = scenario.AlertsFor(states[i].Year);
            var at = i;
            while (at > 0 && years[at - 1].Year > states[i].Year)
            {
                years[at] = years[at - 1];
                at--;
            }

            ref readonly var state = ref states[i];
            var mask = 0;
            for (var a = 0; a < alerts.Length; a++)
            {
                if (state.PersonalBurden > alerts[a].Threshold)
                {
                    mask |= 1 << a;
                }
            }

            years[at] = new YearOutcome
            {
                Year = state.Year,
                Assistance = state.Assistance,
                Tilted = state.Tilted,
                Secondary = state.Secondary,
                PersonalBurden = state.PersonalBurden,
                AlertMask = mask,
            };
        }

        return states.Length;
    }

    /// <summary>A person's accumulators for one accounting year (§4.8).</summary>
    private struct YearState
    {
        public int Year;
        public decimal DeductibleUsed;
        public decimal PaidOutpatient;
        public decimal PaidInpatient;
        public decimal TiltedDeductibleUsed;
        public decimal TiltedPaid;
        public decimal SecondaryBase;
        public decimal SecondaryPaid;

        // The year's summary (§4.12).
        public decimal Assistance;
        public decimal Tilted;
        public decimal Secondary;
        public decimal PersonalBurden;
    }

    private static readonly YearState EmptyYear;

    /// <summary>One category's computed amounts for a claim, before they are saved.</summary>
    private struct Step
    {
        public decimal DeductibleRemaining;
        public decimal Absorbed;
        public decimal Base;
        public decimal CapRemaining;
        public decimal Assistance;
        public bool ChargeInpatient;
        public bool TiltedApplied;
        public decimal TiltedDeductibleRemaining;
        public decimal TiltedAbsorbed;
        public decimal TiltedCapRemaining;
        public decimal Tilted;
    }
}
