using System.Text;
using MedicalAssistance.Contracts.Rosters;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters;
using MedicalAssistance.Functions.Rosters.Chunks;
using MedicalAssistance.Functions.Rosters.Reading;
using MedicalAssistance.Functions.Rosters.Validation;
using MedicalAssistance.Testing;
using static MedicalAssistance.Functions.Tests.Rosters.TestRosters;

namespace MedicalAssistance.Functions.Tests.Rosters;

public sealed class RosterIngestTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Good_rows_are_applied_bad_rows_reported_and_the_report_CSV_opens_in_Excel()
    {
        var pipeline = await RosterPipeline.CreateAsync(azurite);
        string[][] rows =
        [
            Row(1001),
            Row(1002, "特困人员"),
            [.. Row(1003).Take(1), WithWrongCheck(IdNumberFor(1003)), .. Row(1003).Skip(2)],
            Row(1004, "富豪"),
            Row(1005, "监测对象"), // Meizhou knows it, but civil affairs does not determine it (rural affairs does)
            Row(1006, end: "2025-01-01"),
            Row(1007),
        ];
        var blob = await pipeline.DropAsync("meizhou-civil", CsvFile(rows, Gb18030));

        var batch = await pipeline.IngestAsync(blob);

        Assert.Equal(RosterBatchStatus.Done, batch.Status);
        Assert.Equal("csv", batch.Format);
        Assert.Equal((7, 3, 0, 4), (batch.Rows, batch.Applied, batch.Unchanged, batch.Rejected));
        var errors = (await pipeline.EntriesAsync(batch.BatchId)).Where(e => e.Kind == "error").ToList();
        Assert.Equal(
            [(4, "idNumber", RosterRowErrorCodes.InvalidCheckDigit), (5, "identityType", RosterRowErrorCodes.UnknownIdentityType),
             (6, "identityType", RosterRowErrorCodes.IdentityTypeNotAllowed), (7, "end", RosterRowErrorCodes.EndBeforeStart)],
            errors.Select(e => (e.Row, e.Field, e.Code)));
        Assert.Equal("身份证号校验位错误", errors[0].Message);

        var record = await pipeline.Ledger.Records.GetAsync(Id(1002), Ct);
        Assert.Equal("TEKUN", Assert.Single(record!.Identities).Type);

        var lines = await pipeline.ReportLinesAsync(batch);
        Assert.Equal("行号,字段,错误代码,说明", lines[0]);
        Assert.Contains("4,idNumber,INVALID_CHECK_DIGIT,身份证号校验位错误", lines);
        Assert.All(lines, l => Assert.DoesNotContain(IdNumberFor(1003)[..17], l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_API_report_caps_inline_errors_and_counts_them_all()
    {
        var pipeline = await RosterPipeline.CreateAsync(azurite, new RosterOptions { InlineErrorLimit = 3, ChunkSize = 4 });
        var rows = Enumerable.Range(1100, 10).Select(n => Row(n, identityType: "不存在的类别")).Append(Row(1110)).ToList();
        var batch = await pipeline.IngestAsync(await pipeline.DropAsync("meizhou-civil", CsvFile(rows, Utf8NoBom, bom: true)));

        var report = await pipeline.NewReports().RunAsync("meizhou-civil", batch.BatchId, Ct);

        Assert.NotNull(report);
        Assert.Equal(new RosterBatchCounts(11, 1, 0, 10), report.Counts);
        Assert.Equal(3, report.Errors.Count);
        Assert.Equal(10, report.ErrorsTotal);
        Assert.Equal([2, 3, 4], report.Errors.Select(e => e.Row));
        Assert.Equal($"/api/departments/meizhou-civil/rosters/{batch.BatchId}/report.csv", report.ReportUrl);
        Assert.Null(await pipeline.NewReports().RunAsync("baoshan-civil", batch.BatchId, Ct));
        Assert.Equal(10, (await pipeline.ReportLinesAsync(batch)).Count(l => l.Contains(",UNKNOWN_IDENTITY_TYPE,", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_XLSX_roster_is_applied_and_an_ID_stored_as_a_number_is_rejected_saying_so()
    {
        var pipeline = await RosterPipeline.CreateAsync(azurite);
        var file = XlsxFile(ChineseHeader,
        [
            ["张三", IdNumberFor(1201), "低保对象", new DateTime(2025, 1, 10), new DateTime(2025, 2, 1), null, "新增", "13800138000", "居民", "441402"],
            ["李四", 4.41402195001011E+17, "低保对象", new DateTime(2025, 1, 10), new DateTime(2025, 2, 1), null, "新增", null, null, null],
        ]);

        var batch = await pipeline.IngestAsync(await pipeline.DropAsync("meizhou-civil", file, "名单.xlsx"));

        Assert.Equal(("xlsx", 2, 1, 1), (batch.Format, batch.Rows, batch.Applied, batch.Rejected));
        var error = Assert.Single(await pipeline.EntriesAsync(batch.BatchId), e => e.Kind == "error");
        Assert.Equal((3, RosterRowErrorCodes.IdNumberExcelNumber), (error.Row, error.Code));
        Assert.Contains("Excel存成了数字", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_columns_fail_the_whole_batch_naming_them_and_nothing_is_applied()
    {
        var pipeline = await RosterPipeline.CreateAsync(azurite);
        var file = CsvFile([["测试", IdNumberFor(1301), "低保"]], Utf8NoBom, header: ["姓名", "身份证号", "人员类别"]);

        var batch = await pipeline.IngestAsync(await pipeline.DropAsync("meizhou-civil", file));

        Assert.Equal(RosterBatchStatus.Failed, batch.Status);
        Assert.Equal(RosterFileErrorCodes.MissingColumns, batch.FailureCode);
        Assert.Contains("开始日期（start）", batch.FailureReason, StringComparison.Ordinal);
        Assert.Equal(0, batch.Rows);
        Assert.Null(await pipeline.Ledger.Records.GetAsync(Id(1301), Ct));
        var lines = await pipeline.ReportLinesAsync(batch);
        Assert.StartsWith("0,$file,MISSING_COLUMNS,缺少必需的列", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_garbage_named_csv_ends_as_a_failed_batch_with_a_reason()
    {
        var pipeline = await RosterPipeline.CreateAsync(azurite);
        var garbage = new byte[50_000];
        new Random(11).NextBytes(garbage);

        var batch = await pipeline.IngestAsync(await pipeline.DropAsync("meizhou-civil", garbage, "roster.csv"));

        Assert.Equal((RosterBatchStatus.Failed, RosterFileErrorCodes.UnknownFormat), (batch.Status, batch.FailureCode));
        Assert.Contains("无法识别的文件格式", batch.FailureReason, StringComparison.Ordinal);
        // A second delivery of the same event changes nothing and does not throw (the message completes).
        var again = await pipeline.IngestAsync(batch.BlobName);
        Assert.Equal((batch.BatchId, RosterBatchStatus.Failed), (again.BatchId, again.Status));
    }

    [Fact]
    public async Task An_oversized_file_fails_before_reading_with_a_clear_reason()
    {
        var pipeline = await RosterPipeline.CreateAsync(azurite, new RosterOptions { MaxFileBytes = 10_000 });
        var file = CsvFile(Enumerable.Range(1400, 200).Select(n => Row(n)), Utf8NoBom);

        var batch = await pipeline.IngestAsync(await pipeline.DropAsync("meizhou-civil", file));

        Assert.Equal((RosterBatchStatus.Failed, RosterFileErrorCodes.FileTooLarge), (batch.Status, batch.FailureCode));
        Assert.Contains("大小上限", batch.FailureReason, StringComparison.Ordinal);
        Assert.Null(await pipeline.Ledger.Records.GetAsync(Id(1400), Ct));
    }

    [Fact]
    public async Task A_file_for_an_unknown_department_fails_with_a_reason()
    {
        var pipeline = await RosterPipeline.CreateAsync(azurite);
        var batch = await pipeline.IngestAsync(await pipeline.DropAsync("nowhere-civil", CsvFile([Row(1500)], Utf8NoBom)));
        Assert.Equal((RosterBatchStatus.Failed, RosterFileErrorCodes.UnknownDepartment), (batch.Status, batch.FailureCode));
    }

    [Fact]
    public async Task The_same_file_dropped_twice_makes_a_second_batch_where_every_row_is_unchanged()
    {
        var pipeline = await RosterPipeline.CreateAsync(azurite, new RosterOptions { ChunkSize = 50 });
        var file = CsvFile(Enumerable.Range(1600, 120).Select(n => Row(n, n % 3 == 0 ? "特困人员" : "低保对象")), Gb18030);

        var first = await pipeline.IngestAsync(await pipeline.DropAsync("meizhou-civil", file));
        var second = await pipeline.IngestAsync(await pipeline.DropAsync("meizhou-civil", file));

        Assert.NotEqual(first.BatchId, second.BatchId);
        Assert.Equal((120, 120, 0, 0), (first.Rows, first.Applied, first.Unchanged, first.Rejected));
        Assert.Equal((120, 0, 120, 0), (second.Rows, second.Applied, second.Unchanged, second.Rejected));
    }

    [Fact]
    public async Task A_redelivered_event_for_a_finished_batch_changes_nothing()
    {
        var pipeline = await RosterPipeline.CreateAsync(azurite);
        var blob = await pipeline.DropAsync("meizhou-civil", CsvFile([Row(1700), Row(1701)], Utf8NoBom));
        var first = await pipeline.IngestAsync(blob);
        var again = await pipeline.IngestAsync(blob);
        Assert.Equal((first.BatchId, 2, 2, 0), (again.BatchId, again.Rows, again.Applied, again.Unchanged));
        Assert.Equal(first.FinishedAt, again.FinishedAt);
    }

    [Fact]
    public async Task A_later_version_of_a_pushed_blob_is_a_batch_of_its_own_never_a_duplicate_of_the_earlier_failed_one()
    {
        // What the lost pushes did: an incomplete first version carried the push's batch id, failed as EMPTY_FILE, and the
        // complete version with the same metadata was then ignored as a duplicate of that failed batch.
        var pipeline = await RosterPipeline.CreateAsync(azurite);
        var batchId = RosterFiles.NewBatchId();
        var blob = pipeline.Container.GetBlobClient($"meizhou-civil/{pipeline.Prefix}/{batchId}.csv");
        var metadata = new Dictionary<string, string> { [RosterFiles.BatchIdMetadata] = batchId, [RosterFiles.SubmittedByMetadata] = "clerk" };
        await blob.UploadAsync(new BinaryData([]), new Azure.Storage.Blobs.Models.BlobUploadOptions { Metadata = metadata }, TestContext.Current.CancellationToken);
        var empty = await pipeline.IngestAsync(blob.Name);
        Assert.Equal((batchId, RosterBatchStatus.Failed, RosterFileErrorCodes.EmptyFile), (empty.BatchId, empty.Status, empty.FailureCode));

        await blob.UploadAsync(new BinaryData(CsvFile([Row(1750), Row(1751)], Utf8NoBom)),
            new Azure.Storage.Blobs.Models.BlobUploadOptions { Metadata = metadata }, TestContext.Current.CancellationToken);
        var complete = await pipeline.IngestAsync(blob.Name);

        Assert.NotEqual(batchId, complete.BatchId);
        Assert.Equal((RosterBatchStatus.Done, 2, 2), (complete.Status, complete.Rows, complete.Applied));
    }

    [Fact]
    public async Task A_file_split_into_many_chunks_applied_in_any_order_ends_like_one_chunk()
    {
        // 900 rows: adds, rejected rows, and changes and exits of persons added earlier in the file (another chunk's rows must
        // never overtake them). Split by person bucket into over 32 chunks, applied in reverse order; then one chunk for the file.
        var rows = Enumerable.Range(0, 900).Select(i => i switch
        {
            _ when i % 37 == 36 => WrongCheck(Row(9000 + i)),
            _ when i % 10 == 9 => Row(9000 + i - 5, change: "退出", end: "2025-06-30"),
            _ => Row(9000 + i, i % 3 == 0 ? "特困人员" : "低保对象"),
        }).ToList();
        var file = CsvFile(rows, Gb18030);

        var split = await RosterPipeline.CreateAsync(azurite, new RosterOptions { ChunkBytes = 1024, ChunkSize = 7, SplitBufferRows = 100 });
        var started = (await split.NewFunction().RunAsync(new RosterFileArrived(await split.DropAsync("meizhou-civil", file), null), TestContext.Current.CancellationToken))!;
        Assert.InRange(started.Chunks, 32, 256);
        var applier = split.NewApplier();
        foreach (var chunk in (await split.Chunks.ListAsync(started.BatchId, TestContext.Current.CancellationToken)).OrderByDescending(c => c.Chunk))
        {
            await applier.ApplyAsync(new RosterChunkMessage("meizhou-civil", started.BatchId, chunk.Chunk), TestContext.Current.CancellationToken);
        }

        var chunked = (await split.Batches.GetAsync("meizhou-civil", started.BatchId, TestContext.Current.CancellationToken))!;
        var whole = await RosterPipeline.CreateAsync(azurite);
        var single = await whole.IngestAsync(await whole.DropAsync("meizhou-civil", file));

        Assert.Equal(1, single.Chunks);
        Assert.Equal(RosterBatchStatus.Done, chunked.Status);
        Assert.Equal((single.Rows, single.Applied, single.Unchanged, single.Rejected, single.NoteEntries), (chunked.Rows, chunked.Applied, chunked.Unchanged, chunked.Rejected, chunked.NoteEntries));
        Assert.Equal((await whole.ReportLinesAsync(single)).Length, (await split.ReportLinesAsync(chunked)).Length);
        foreach (var n in new[] { 9004, 9005, 9014, 9100, 9444 })
        {
            var expected = await whole.Ledger.Records.GetAsync(Id(n), TestContext.Current.CancellationToken);
            var actual = await split.Ledger.Records.GetAsync(Id(n), TestContext.Current.CancellationToken);
            Assert.Equal(
                string.Join(';', expected!.Identities.Select(p => $"{p.Type} {p.Start} {p.End}")),
                string.Join(';', actual!.Identities.Select(p => $"{p.Type} {p.Start} {p.End}")));
        }

        // The staged rows (they hold ID numbers, encrypted) are gone once the batch is done.
        await foreach (var blob in split.Storage.Container(split.Options.StagingContainer).GetBlobsAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            Assert.Fail("staged rows left behind: " + blob.Name);
        }
    }

    [Fact]
    public async Task The_report_merged_from_the_staged_entries_equals_the_tables_and_a_late_second_completion_never_replaces_it()
    {
        // Rejected rows (from the split) and notes (from the chunks: a name changed for a known ID) across many chunks.
        var first = Enumerable.Range(0, 300).Select(i => Row(9500 + i)).ToList();
        var second = Enumerable.Range(0, 300).Select(i => i switch
        {
            _ when i % 7 == 0 => WrongCheck(Row(9500 + i)),
            _ when i % 5 == 0 => Renamed(Row(9500 + i)),
            _ => Row(9500 + i, "特困人员"),
        }).ToList();
        var pipeline = await RosterPipeline.CreateAsync(azurite, new RosterOptions { ChunkBytes = 1024, ChunkSize = 7, SplitBufferRows = 50 });
        await pipeline.IngestAsync(await pipeline.DropAsync("meizhou-civil", CsvFile(first, Gb18030)));
        var batch = await pipeline.IngestAsync(await pipeline.DropAsync("meizhou-civil", CsvFile(second, Gb18030)));
        Assert.True(batch.Chunks > 8);
        Assert.True(batch.ErrorEntries > 40 && batch.NoteEntries > 40, $"{batch.ErrorEntries} errors, {batch.NoteEntries} notes");
        var merged = await pipeline.ReportCsvAsync(batch);

        // A chunk that read the staged entries while the batch's first completion deleted them writes from what is left
        // (here: nothing): the report stays the complete one.
        var writer = new RosterReportWriter(pipeline.Storage, pipeline.Batches, Microsoft.Extensions.Options.Options.Create(pipeline.Options));
        await writer.WriteFromStagingAsync(batch, Ct);
        Assert.Equal(merged, await pipeline.ReportCsvAsync(batch));

        // The same report written from the entries kept in the table (the path of a batch that fails part-way).
        await writer.WriteAsync(batch, Ct);
        Assert.Equal(Encoding.UTF8.GetString(await pipeline.ReportCsvAsync(batch)), Encoding.UTF8.GetString(merged));
    }

    private static string[] Renamed(string[] row)
    {
        row[0] = "新" + row[0][1..];
        return row;
    }

    private static string[] WrongCheck(string[] row)
    {
        row[1] = WithWrongCheck(row[1]);
        return row;
    }

    private static IdNumber Id(int n)
    {
        Assert.True(IdNumber.TryParse(IdNumberFor(n), out var id));
        return id;
    }
}
