using MedicalAssistance.Contracts.Rosters;
using MedicalAssistance.Functions.Rosters.Batches;
using MedicalAssistance.Functions.Rosters.Chunks;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Rosters.Http;

/// <summary>The report of a batch as the API returns it: status, counts, the first row errors, notes and the deadline flag.</summary>
public sealed class RosterBatchReportReader(RosterBatchStore batches, RosterChunkStore chunks, IOptions<RosterOptions> options)
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

        RosterStallDto? stalled = null;
        if (batch.Status == RosterBatchStatus.Processing && batch.Chunks > 0)
        {
            var waiting = (await chunks.ListAsync(batch.BatchId, cancellationToken)).Where(c => c.StalledAt is not null && c.Status != RosterChunkRecord.DoneStatus).ToList();
            if (waiting.Count > 0)
            {
                var since = waiting.Min(c => c.StalledAt!.Value);
                stalled = new RosterStallDto(since, waiting.Count, waiting.MaxBy(c => c.StalledAt)!.StalledReason ?? "",
                    $"存储服务暂时不可用，{waiting.Count} 个分片等待重试（自 {since.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm:ss} 起）；恢复后自动继续，已处理的行不会丢失");
            }
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
            batch.FinishedAt,
            stalled);
    }
}
