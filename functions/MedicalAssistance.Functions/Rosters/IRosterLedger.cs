using MedicalAssistance.Functions.Departments;

namespace MedicalAssistance.Functions.Rosters;

/// <summary>Who pushed a batch, for whom, and when it arrived (the arrival time decides deadlines).</summary>
public sealed record RosterBatchContext(string BatchId, Department Department, string SubmittedBy, DateTimeOffset ReceivedAt);

public enum RowOutcomeKind
{
    Applied,
    Unchanged,
    Rejected,
}

/// <summary>What applying one row did. <paramref name="Notes"/> are Chinese remarks for the report (e.g. a late enrolment).</summary>
public sealed record RowOutcome(int Row, RowOutcomeKind Kind, RowError? Error = null, IReadOnlyList<string>? Notes = null);

/// <summary>
/// The identity ledger: applies validated roster rows to persons' identity periods, audit records and subsidised enrolment.
/// Idempotent: re-applying a batch's rows writes nothing new and answers each row as the first application did (so a batch
/// interrupted half-way can simply be applied again from the start, and its report comes out the same); the same rows in
/// another batch answer <see cref="RowOutcomeKind.Unchanged"/>.
/// Rows of one person are applied in the order given.
/// </summary>
public interface IRosterLedger
{
    Task<IReadOnlyList<RowOutcome>> ApplyAsync(RosterBatchContext batch, IReadOnlyList<RosterRow> rows, CancellationToken cancellationToken);
}

/// <summary>A push deadline check for a batch: late batches are accepted and flagged.</summary>
/// <param name="Rule">Chinese description of the rule applied, e.g. 每月15日前报送.</param>
public sealed record DeadlineCheck(bool Late, DateOnly? Deadline, string? Rule);

public interface IRosterDeadlines
{
    DeadlineCheck Check(Department department, DateTimeOffset receivedAt);
}
