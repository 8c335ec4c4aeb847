using MedicalAssistance.Contracts.Rosters;
using MedicalAssistance.Functions.Rosters.Batches;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Rosters.Http;

/// <summary>The report of a batch as the API returns it: status, counts, the first row errors, notes and the deadline flag.</summary>
public sealed class RosterBatchReportReader(RosterBatchStore batches, IOptions<RosterOptions> options)
{
    /// <returns>Null when the department has no such batch.</returns>
    public async Task<RosterBatchReport?> RunAsync(string department, string batchId, CancellationToken cancellationToken)
    {
        if (!RosterFiles.IsBatchId(batchId) || await batches.GetAsync(department, batchId, cancellationToken) is not { } batch)
        {
            return null;
        }

        var limit = options.Value.InlineErrorLimit;
        var errors = new List<RosterRowErrorDto>();
        if (batch.FailureCode is not null)
        {
            errors.Add(new RosterRowErrorDto(0, "$file", batch.FailureCode, batch.FailureReason ?? string.Empty));
        }

        await foreach (var entry in batches.ReadEntriesAsync(batch.BatchId, RosterRowEntry.ErrorKind, limit, cancellationToken))
        {
            errors.Add(new RosterRowErrorDto(entry.Row, entry.Field, entry.Code, entry.Message));
        }

        var notes = new List<RosterRowNoteDto>();
        await foreach (var entry in batches.ReadEntriesAsync(batch.BatchId, RosterRowEntry.NoteKind, limit, cancellationToken))
        {
            notes.Add(new RosterRowNoteDto(entry.Row, entry.Message));
        }

        var total = batch.ErrorEntries + (batch.FailureCode is null ? 0 : 1);
        return new RosterBatchReport(
            batch.BatchId,
            batch.Department,
            batch.Status,
            new RosterBatchCounts(batch.Rows, batch.Applied, batch.Unchanged, batch.Rejected),
            errors,
            errors.Count,
            total,
            notes,
            batch.Late is { } late ? new RosterDeadlineDto(late, batch.Deadline is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null, batch.DeadlineRule) : null,
            batch.FailureCode,
            batch.FailureReason,
            batch.ReportBlob is null ? null : $"/api/departments/{batch.Department}/rosters/{batch.BatchId}/report.csv",
            batch.ReceivedAt,
            batch.FinishedAt);
    }
}
