using System.Globalization;
using Azure.Storage.Blobs.Models;
using MedicalAssistance.Functions.Csv;
using MedicalAssistance.Functions.Rosters.Batches;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Rosters;

/// <summary>
/// The report CSV of a batch (<c>roster-reports/{department}/{batchId}.csv</c>): UTF-8 with BOM so Excel shows Chinese,
/// Chinese headers, every cell neutralised against formula injection. Streams the entries from storage to the blob.
/// </summary>
public sealed class RosterReportWriter(StorageAccount storage, RosterBatchStore batches, Microsoft.Extensions.Options.IOptions<RosterOptions> options)
{
    public static readonly string[] Header = ["行号", "字段", "错误代码", "说明"];

    /// <summary>Writes (or rewrites: idempotent) the report and returns its blob name.</summary>
    public async Task<string> WriteAsync(RosterBatchRecord batch, CancellationToken cancellationToken)
    {
        var name = RosterFiles.ReportBlobName(batch.Department, batch.BatchId);
        var blob = storage.Container(options.Value.ReportsContainer).GetBlobClient(name);
        var stream = await blob.OpenWriteAsync(overwrite: true, new BlobOpenWriteOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8", ContentDisposition = $"attachment; filename=\"{batch.BatchId}.csv\"" },
        }, cancellationToken);
        await using var csv = new ExcelCsvWriter(stream);
        await csv.WriteRowAsync(Header, cancellationToken);
        if (batch.FailureCode is not null)
        {
            await csv.WriteRowAsync(["0", "$file", batch.FailureCode, batch.FailureReason], cancellationToken);
        }

        if (batch.Late == true)
        {
            var deadline = batch.Deadline is null ? string.Empty : $"（截止日期 {batch.Deadline}）";
            await csv.WriteRowAsync(["0", "$batch", "LATE_SUBMISSION", $"逾期报送：{batch.DeadlineRule}{deadline}"], cancellationToken);
        }

        await foreach (var entry in batches.ReadEntriesAsync(batch.BatchId, kind: null, take: null, cancellationToken))
        {
            await csv.WriteRowAsync([entry.Row.ToString(CultureInfo.InvariantCulture), entry.Field, entry.Code, entry.Message], cancellationToken);
        }

        return name;
    }
}
