using System.Globalization;
using MedicalAssistance.Functions.Calendar;
using MedicalAssistance.Functions.Enrolment;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Rosters.Ledger;

/// <summary>Everything a merge needs besides the person: the batch, the clock's reading and the enrolment parameters.</summary>
internal sealed record MergeContext(
    RosterBatchContext Batch,
    DateTimeOffset Now,
    Func<int, EnrolmentParameters> ParametersOfYear,
    WorkingDayCalendar Calendar)
{
    public DateOnly ReceivedOn { get; } = ChinaTime.DateOf(Batch.ReceivedAt);
    public DateOnly Today { get; } = ChinaTime.DateOf(Now);
}

/// <summary>A person row with its parsed ID number and person key.</summary>
internal sealed record PersonRow(RosterRow Row, IdNumber IdNumber, string PersonKey);

/// <summary>The result of merging one person's rows: the new state (null: nothing to write) and one outcome per row.</summary>
internal sealed record MergeResult(PersonState? Next, IReadOnlyList<RowOutcome> Outcomes);

/// <summary>
/// Merges one person's roster rows into the person's state, in order. Pure: the caller reads the state, merges, and writes
/// the result with an ETag condition; on a conflict it reads again and merges again.
/// Semantics: the same row twice changes nothing; a later change updates the period; an exit closes it; a death closes all
/// and marks the person deceased; every applied row leaves an audit record with the state before and after.
/// </summary>
internal static class PersonMerge
{
    private const int AppliedRowsKept = 200;

    /// <summary>Tumxuk Art. 7(2): the agency flags civil-affairs and rural pushes within 5 working days.</summary>
    private const int TumxukFlagWorkingDays = 5;

    /// <param name="create">Builds the profile of a person not yet on record (encrypts the ID number and name).</param>
    public static MergeResult Merge(PersonState? current, IReadOnlyList<PersonRow> rows, MergeContext context, Func<PersonRow, PersonState> create, Func<string, string> fingerprint, Func<string, string> protect)
    {
        var state = current;
        var outcomes = new List<RowOutcome>(rows.Count);
        var audits = new List<AuditRecord>();
        var exemptions = new List<ExemptionEntry>();
        var applied = 0;
        var answered = new List<(string Key, RowOutcome Outcome)>();
        foreach (var personRow in rows)
        {
            var row = personRow.Row;
            var appliedKey = AppliedKey(context.Batch.BatchId, row.Row);
            if (state is not null && state.AppliedRows.Contains(appliedKey))
            {
                // This batch's row was answered by an earlier commit (the batch is being re-applied after a crash):
                // answer as then, and change nothing.
                outcomes.Add(state.RowAnswers.GetValueOrDefault(appliedKey) ?? new RowOutcome(row.Row, RowOutcomeKind.Applied));
                continue;
            }

            var before = state;
            var step = ApplyRow(state ?? create(personRow), state is null, row, context);
            // A new name for a known ID number is always applied and said, even when nothing else in the row changed.
            var nameChanged = state is not null && state.NameFingerprint != fingerprint(row.Name);
            var phoneChanged = step.Error is null && row.Phone is { } phone && step.State.PhoneFingerprint != PhoneFingerprint(fingerprint, phone);
            if (phoneChanged && step.Kind == RowOutcomeKind.Unchanged)
            {
                // The identity is as on record but the roster gives a new 联系电话: keep it (the sign-in code goes there).
                step = step with { Kind = RowOutcomeKind.Applied, Notes = ["联系电话已更新"] };
            }

            if (step.Error is not null || step.Kind == RowOutcomeKind.Unchanged && !nameChanged)
            {
                var outcome = new RowOutcome(row.Row, step.Error is null ? RowOutcomeKind.Unchanged : RowOutcomeKind.Rejected, step.Error, NullIfEmpty(step.Notes));
                outcomes.Add(outcome);
                answered.Add((appliedKey, outcome));
                continue;
            }

            var after = step.State;
            if (after.NameFingerprint != fingerprint(row.Name))
            {
                after = after with { EncryptedName = protect(row.Name), NameFingerprint = fingerprint(row.Name) };
            }

            if (phoneChanged)
            {
                after = after with { EncryptedPhone = protect(row.Phone!), PhoneFingerprint = PhoneFingerprint(fingerprint, row.Phone!) };
            }

            var notes = step.Notes;
            if (nameChanged)
            {
                notes.Add("姓名与此前登记的不同，已按本次报送更新（原姓名留在审计记录中）");
            }

            notes.AddRange(FlagDeadlineNotes(context));
            audits.Add(Audit(after.PersonKey, context, row, AuditTrail.Snapshot(before), AuditTrail.Snapshot(after), nameChanged, before is not null && phoneChanged));
            exemptions.AddRange(step.Exemptions);
            applied++;
            state = after;
            var appliedOutcome = new RowOutcome(row.Row, RowOutcomeKind.Applied, null, NullIfEmpty(notes));
            outcomes.Add(appliedOutcome);
            answered.Add((appliedKey, appliedOutcome));
        }

        if (applied == 0)
        {
            // Nothing to write: answering these rows again reads the same state and gives the same answers.
            return new MergeResult(null, outcomes);
        }

        var appliedRows = (current?.AppliedRows ?? []).Concat(answered.Select(a => a.Key)).ToList();
        var kept = appliedRows.Skip(Math.Max(0, appliedRows.Count - AppliedRowsKept)).ToList();
        var next = state! with
        {
            Version = (current?.Version ?? 0) + 1,
            CommitId = Guid.NewGuid().ToString("N"),
            AppliedRows = kept,
            RowAnswers = RowAnswersToKeep(current, answered, kept, context.Batch.BatchId),
            Outbox = new PersonOutbox(audits, exemptions),
        };
        return new MergeResult(next, outcomes);
    }

    /// <summary>The answers of this batch's rows that are not plain "applied", among the keys kept.</summary>
    private static Dictionary<string, RowOutcome> RowAnswersToKeep(PersonState? current, List<(string Key, RowOutcome Outcome)> answered, List<string> kept, string batchId)
    {
        var keptKeys = kept.ToHashSet(StringComparer.Ordinal);
        var prefix = AppliedKey(batchId, 0)[..^1];
        return (current?.RowAnswers ?? new Dictionary<string, RowOutcome>())
            .Where(a => a.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Concat(answered.Where(a => a.Outcome.Kind != RowOutcomeKind.Applied || a.Outcome.Notes is not null).Select(a => KeyValuePair.Create(a.Key, a.Outcome)))
            .Where(a => keptKeys.Contains(a.Key))
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
    }

    private sealed record Step(PersonState State, RowOutcomeKind Kind, RowError? Error, List<string> Notes, IReadOnlyList<ExemptionEntry> Exemptions)
    {
        public static Step Unchanged(PersonState s) => new(s, RowOutcomeKind.Unchanged, null, [], []);
        public static Step Rejected(PersonState s, RowError e) => new(s, RowOutcomeKind.Rejected, e, [], []);
    }

    private static Step ApplyRow(PersonState state, bool isNew, RosterRow row, MergeContext context)
    {
        var periods = state.Identities.ToList();
        var ofType = periods.Where(p => p.Type == row.IdentityType).ToList();
        switch (row.Change)
        {
            case RosterChange.Exit:
            {
                if (row.End is not { } exitOn)
                {
                    return Step.Rejected(state, LedgerErrors.ExitEndMissing(row.Row));
                }

                var held = ofType.FirstOrDefault(p => p.Start == row.Start)
                    ?? ofType.Where(p => p.Start <= exitOn).OrderByDescending(p => p.Start).FirstOrDefault();
                if (isNew || held is null)
                {
                    return ofType.Count == 0 || isNew
                        ? Step.Rejected(state, LedgerErrors.ExitWithoutIdentity(row.Row, row.IdentityType))
                        : Step.Rejected(state, LedgerErrors.EndBeforeStart(row.Row));
                }

                if (exitOn < held.Start)
                {
                    return Step.Rejected(state, LedgerErrors.EndBeforeStart(row.Row));
                }

                if (held.End == exitOn)
                {
                    return Step.Unchanged(state);
                }

                periods[periods.IndexOf(held)] = held with { End = exitOn, Department = context.Batch.Department.Code };
                return new Step(state with { Identities = periods }, RowOutcomeKind.Applied, null, [], []);
            }

            case RosterChange.Death:
            {
                if (isNew || ofType.Count == 0)
                {
                    return Step.Rejected(state, LedgerErrors.DeathWithoutIdentity(row.Row, row.IdentityType));
                }

                var diedOn = row.End ?? row.DeterminedOn;
                // Periods that start after the death are left as they are: the audit shows them, and settlement never
                // reaches a date after death.
                var closed = periods.Select(p => p.Start <= diedOn && (p.End is null || p.End > diedOn) ? p with { End = diedOn } : p).ToList();
                if (state.Deceased && state.DeceasedOn == diedOn && closed.SequenceEqual(periods))
                {
                    return Step.Unchanged(state);
                }

                return new Step(state with { Identities = closed, Deceased = true, DeceasedOn = diedOn }, RowOutcomeKind.Applied, null, [], []);
            }

            default:
                return AddOrChange(state, periods, ofType, row, context);
        }
    }

    private static Step AddOrChange(PersonState state, List<IdentityPeriod> periods, List<IdentityPeriod> ofType, RosterRow row, MergeContext context)
    {
        var wanted = new IdentityPeriod(row.IdentityType, row.DeterminedOn, row.Start, row.End, context.Batch.Department.Code);
        var sameStart = ofType.FirstOrDefault(p => p.Start == row.Start);
        if (state.Deceased)
        {
            // A row re-sent after the death: the period is on record and the death closed it. Anything else is refused.
            var closedByDeath = sameStart is not null && sameStart.DeterminedOn == row.DeterminedOn
                && (row.End is null || row.End >= state.DeceasedOn) && sameStart.End == state.DeceasedOn;
            return closedByDeath || sameStart is not null && sameStart.SameDates(wanted)
                ? Step.Unchanged(state)
                : Step.Rejected(state, LedgerErrors.PersonDeceased(row.Row, state.DeceasedOn));
        }

        var notes = new List<string>();
        var target = sameStart;
        if (target is null && row.Change == RosterChange.Change)
        {
            target = ofType.Where(p => p.Overlaps(row.Start, row.End) || p.End is null).OrderByDescending(p => p.Start).FirstOrDefault();
            if (target is null)
            {
                notes.Add("变更行未找到在册的同类身份，已按新增处理");
            }
        }
        else if (target is null)
        {
            target = ofType.Where(p => p.Overlaps(row.Start, row.End)).OrderByDescending(p => p.Start).FirstOrDefault();
            if (target is not null)
            {
                notes.Add("新增期间与在册的同类身份期间重叠，已按变更更新该期间");
            }
        }

        if (target is not null)
        {
            if (target.SameDates(wanted))
            {
                return Step.Unchanged(state);
            }

            periods[periods.IndexOf(target)] = wanted;
            return new Step(state with { Identities = periods }, RowOutcomeKind.Applied, null, notes, []);
        }

        periods.Add(wanted);
        var withPeriod = state with { Identities = periods };
        var (enrolled, exemptions, enrolmentNotes) = Enrol(withPeriod, row, context);
        notes.AddRange(enrolmentNotes);
        return new Step(enrolled, RowOutcomeKind.Applied, null, notes, exemptions);
    }

    /// <summary>A new identity period may make the person a new beneficiary: decide the subsidised enrolment.</summary>
    private static (PersonState State, IReadOnlyList<ExemptionEntry> Exemptions, IEnumerable<string> Notes) Enrol(PersonState state, RosterRow row, MergeContext context)
    {
        var profile = context.Batch.Department.Profile;
        var held = EnrolmentRules.HeldTypes(state.Identities, profile, context.ReceivedOn, p => p.Type == row.IdentityType && p.Start == row.Start);
        if (held.Count == 0)
        {
            return (state, [], []);
        }

        var decision = EnrolmentRules.Decide(
            new EnrolmentContext(profile, held, row.Insurance, state.BirthDate, context.ReceivedOn, context.Today, context.Batch.BatchId, row.Row),
            context.ParametersOfYear, context.Calendar);
        var existing = state.Enrolments.FirstOrDefault(e => e.Year == decision.Year && e.Profile == profile);
        if (existing is not null && existing.Rank >= decision.Rank)
        {
            return (state, [], []);
        }

        var enrolments = state.Enrolments.Where(e => e != existing).Append(decision).OrderBy(e => e.Year).ToList();
        var exemptions = decision.Level != SubsidyLevel.None && decision.Status is EnrolmentStatus.Subsidised or EnrolmentStatus.AwaitingParameter
            ? new[] { AuditTrail.ExemptionOf(state, decision) }
            : [];
        return (state with { Enrolments = enrolments }, exemptions, [$"资助参保{decision.Year}年度：{decision.Note}"]);
    }

    private static IEnumerable<string> FlagDeadlineNotes(MergeContext context)
    {
        var department = context.Batch.Department;
        if (department.Profile != IdentityTypes.Tumxuk || department.Kind is not ("civil-affairs" or "rural-affairs" or "rural-revitalisation"))
        {
            yield break;
        }

        DateOnly deadline;
        try
        {
            deadline = context.Calendar.AddWorkingDays(context.ReceivedOn, TumxukFlagWorkingDays);
        }
        catch (ArgumentOutOfRangeException)
        {
            yield break;
        }

        if (context.Today > deadline)
        {
            yield return $"身份标识逾期：应于{EnrolmentRules.Format(deadline)}前完成（收到推送后{TumxukFlagWorkingDays}个工作日内，图木舒克第7条）";
        }
    }

    /// <summary>The keyed hash a phone is compared by (a separate domain from names).</summary>
    internal static string PhoneFingerprint(Func<string, string> fingerprint, string phone) => fingerprint("phone|" + phone.Trim());

    private static AuditRecord Audit(string personKey, MergeContext context, RosterRow row, string before, string after, bool nameChanged, bool phoneChanged)
    {
        var batch = context.Batch;
        var rowKey = AuditTrail.RowKey(personKey, context.Now, batch.BatchId, row.Row);
        var change = row.Change.ToString() + (nameChanged ? "+name" : "") + (phoneChanged ? "+phone" : "");
        return new AuditRecord(rowKey, context.Now, batch.SubmittedBy, batch.Department.Code, batch.BatchId, row.Row, change, row.IdentityType, before, after);
    }

    internal static string AppliedKey(string batchId, int row) => string.Create(CultureInfo.InvariantCulture, $"{batchId}#{row}");

    private static List<string>? NullIfEmpty(List<string> notes) => notes.Count == 0 ? null : notes;
}
