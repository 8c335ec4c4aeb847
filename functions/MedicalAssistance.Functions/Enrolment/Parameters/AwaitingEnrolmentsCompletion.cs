using System.Collections.Concurrent;
using MedicalAssistance.Functions.Calendar;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Hosting.Queues;

namespace MedicalAssistance.Functions.Enrolment.Parameters;

/// <summary>Queued when an operator sets a profile's enrolment parameters for a year.</summary>
public sealed record EnrolmentParametersSet(string Profile, int Year, string SetBy, DateTimeOffset SetAt);

/// <summary>What completing the waiting enrolments of a profile and year did.</summary>
public sealed record AwaitingEnrolmentsResult(int Found, int Completed, int StillAwaiting);

/// <summary>
/// Queue <c>enrolment-parameters</c>: once an operator sets a year's parameters, the enrolments registered without an amount
/// (<see cref="EnrolmentStatus.AwaitingParameter"/>) are decided again, person by person, with an ETag-conditional commit and an
/// audit record each, and their exemption-ledger (免缴台账) entries updated. The ledger's entries that still await are the
/// work list. Idempotent: an enrolment already decided is left alone; a commit that landed before a crash is finished on the
/// retry (its audit and exemption entry are written from the state).
/// </summary>
public sealed partial class AwaitingEnrolmentsCompletion(
    PersonStore store,
    EnrolmentParameterStore parameters,
    TimeProvider time,
    ILogger<AwaitingEnrolmentsCompletion> logger)
{
    private const int MaxAttempts = 20;
    private const int PersonsInParallel = 8;

    public async Task<AwaitingEnrolmentsResult> RunAsync(EnrolmentParametersSet message, CancellationToken cancellationToken)
    {
        // The parameters as they are now, not as they were when the message was queued: a retry uses the latest values.
        var current = await parameters.GetAsync(message.Profile, message.Year, cancellationToken);
        var waiting = new List<string>();
        await foreach (var entry in store.ReadExemptionsAsync(message.Profile, message.Year, EnrolmentStatus.AwaitingParameter, cancellationToken))
        {
            waiting.Add(entry.PersonKey);
        }

        var outcomes = new ConcurrentBag<EnrolmentStatus?>();
        await Parallel.ForEachAsync(waiting, new ParallelOptions { MaxDegreeOfParallelism = PersonsInParallel, CancellationToken = cancellationToken },
            async (personKey, ct) => outcomes.Add(await CompleteAsync(personKey, message, current, ct)));

        var result = new AwaitingEnrolmentsResult(waiting.Count,
            outcomes.Count(o => o is not null and not EnrolmentStatus.AwaitingParameter), outcomes.Count(o => o == EnrolmentStatus.AwaitingParameter));
        LogCompleted(logger, message.Profile, message.Year, result.Found, result.Completed, result.StillAwaiting);
        return result;
    }

    /// <returns>The enrolment's status afterwards, or null when the person has no such enrolment.</returns>
    private async Task<EnrolmentStatus?> CompleteAsync(string personKey, EnrolmentParametersSet message, EnrolmentParameters current, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var loaded = await store.LoadAsync(personKey, cancellationToken);
            if (loaded is null)
            {
                return null;
            }

            var state = loaded.State;
            var enrolments = state.Enrolments.ToList();
            var index = enrolments.FindIndex(e => e.Profile == message.Profile && e.Year == message.Year);
            if (index < 0)
            {
                return null;
            }

            var enrolment = enrolments[index];
            if (enrolment.Status != EnrolmentStatus.AwaitingParameter)
            {
                // Decided already (by this message before a crash, or by a later push): make the ledger entry and the audit
                // match the state.
                await FinishAsync(state, enrolment, cancellationToken);
                return enrolment.Status;
            }

            var held = EnrolmentRules.HeldTypes(state.Identities, enrolment.Profile, enrolment.ReceivedOn, p => p.Type == enrolment.IdentityType);
            var decided = EnrolmentRules.Complete(enrolment, held, state.BirthDate, current, WorkingDayCalendar.China);
            if (decided.Status == EnrolmentStatus.AwaitingParameter)
            {
                return decided.Status;
            }

            enrolments[index] = decided;
            var now = time.GetUtcNow();
            var after = state with { Enrolments = enrolments };
            var source = $"parameters-{message.Profile}-{message.Year}";
            var audit = new AuditRecord(AuditTrail.RowKey(personKey, now, source, 0), now, message.SetBy, "", source, 0, "EnrolmentParameters",
                enrolment.IdentityType, AuditTrail.Snapshot(state), AuditTrail.Snapshot(after));
            var next = after with
            {
                Version = state.Version + 1,
                CommitId = Guid.NewGuid().ToString("N"),
                Outbox = new PersonOutbox([audit], [AuditTrail.ExemptionOf(after, decided)]),
            };

            await store.EnsureOutboxWrittenAsync(state, cancellationToken);

            if (await store.TryCommitAsync(next, loaded.ETag, cancellationToken) is not null)
            {
                await FinishAsync(next, decided, cancellationToken);
                return decided.Status;
            }

            LogConflict(logger, message.Profile, message.Year, attempt);
        }

        throw new InvalidOperationException($"Person record in bucket {PersonKeys.BucketOf(personKey)} kept changing: gave up after {MaxAttempts} attempts.");
    }

    private async Task FinishAsync(PersonState state, EnrolmentRecord enrolment, CancellationToken cancellationToken)
    {
        await store.FlushAuditsAsync([state], cancellationToken);
        await store.WriteExemptionsAsync([AuditTrail.ExemptionOf(state, enrolment)], cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Enrolment parameters {Profile} {Year}: {Found} enrolments were awaiting them, {Completed} decided, {StillAwaiting} still awaiting another parameter")]
    private static partial void LogCompleted(ILogger logger, string profile, int year, int found, int completed, int stillAwaiting);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Enrolment parameters {Profile} {Year}: person record changed meanwhile, deciding again (attempt {Attempt})")]
    private static partial void LogConflict(ILogger logger, string profile, int year, int attempt);
}
