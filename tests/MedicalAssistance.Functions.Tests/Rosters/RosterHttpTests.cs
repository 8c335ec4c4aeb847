using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using MedicalAssistance.Contracts.Rosters;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters.Reading;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.Extensions.DependencyInjection;
using static MedicalAssistance.Functions.Tests.Rosters.TestRosters;

namespace MedicalAssistance.Functions.Tests.Rosters;

/// <summary>
/// The whole path through the real host: HTTP push → blob → blob scanner → roster-files queue → ingest → report.
/// The host gets its own roster container and queue, so no other test host handles its files.
/// </summary>
public sealed class RosterHttpTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private sealed record Host(RunningApp App, HttpClient Http, string Container, string Queue) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await App.DisposeAsync();
        }
    }

    private async Task<Host> StartAsync(params string[] extraArgs)
    {
        var container = AzuriteFixture.UniqueName("rosters");
        var queue = AzuriteFixture.UniqueName("rosterq");
        // Command-line configuration: the roster names are read when the services are registered.
        var app = await RunningApp.StartAsync(FunctionsApp.Build(
        [
            .. RunningApp.LoopbackArgs, $"--{StorageAccount.ConnectionStringKey}={azurite.ConnectionString}", .. TestSecrets.Args,
            .. PrivateRosterHostArgs(container, AzuriteFixture.UniqueName("reports"), queue),
            .. extraArgs,
        ]), Ct);
        await FunctionsApp.StorageLayout().EnsureCreatedAsync(app.Services.GetRequiredService<StorageAccount>(), Ct);
        await DemoDepartments.SeedAsync(app.Services.GetRequiredService<DepartmentStore>(), Ct);
        return new Host(app, app.CreateClient(), container, queue);
    }

    private static async Task<string> KeyAsync(Host host, string caller, params string[] scopes) =>
        await host.App.Services.GetRequiredService<FunctionKeyStore>().CreateAsync(caller, scopes, Ct);

    private static HttpRequestMessage Push(string department, string? key, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/departments/{department}/rosters") { Content = content };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return request;
    }

    private static MultipartFormDataContent FilePart(byte[] file, string fileName)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", fileName);
        return form;
    }

    /// <summary>Polls the report until the batch is finished, within a bounded time.</summary>
    private static async Task<RosterBatchReport> FinishedAsync(Host host, Uri location, string key, TimeSpan? patience = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(patience ?? Patience);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, location);
            request.Headers.Add("x-functions-key", key);
            using var response = await host.Http.SendAsync(request, timeout.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var report = (await response.Content.ReadFromJsonAsync<RosterBatchReport>(timeout.Token))!;
            if (report.Status is RosterBatchStatus.Done or RosterBatchStatus.Failed)
            {
                return report;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    [Fact]
    public async Task A_pushed_GB18030_file_is_accepted_processed_and_reported_with_a_downloadable_CSV()
    {
        await using var host = await StartAsync();
        var key = await KeyAsync(host, "meizhou-civil-clerk", "department:meizhou-civil");
        var file = CsvFile([Row(5001), Row(5002, "特困人员"), Row(5003, "纳入监测范围的农村易返贫致贫人口")], Gb18030);

        using var response = await host.Http.SendAsync(Push("meizhou-civil", key, FilePart(file, "名单.csv")), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<RosterBatchAccepted>(Ct))!;
        Assert.Equal($"/api/departments/meizhou-civil/rosters/{accepted.BatchId}", response.Headers.Location?.OriginalString);
        var report = await FinishedAsync(host, response.Headers.Location!, key);

        Assert.Equal(RosterBatchStatus.Done, report.Status);
        Assert.Equal(new RosterBatchCounts(3, 2, 0, 1), report.Counts);
        var error = Assert.Single(report.Errors);
        Assert.Equal((4, "identityType", "IDENTITY_TYPE_NOT_ALLOWED"), (error.Row, error.Field, error.Code));
        Assert.NotNull(report.Deadline);
        // The JSON carries the Chinese row error as characters, not \uXXXX escapes.
        using var raw = new HttpRequestMessage(HttpMethod.Get, response.Headers.Location) { Headers = { { "x-functions-key", key } } };
        var json = await (await host.Http.SendAsync(raw, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", error.Message);
        Assert.Contains(error.Message, json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);

        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, report.ReportUrl);
        csvRequest.Headers.Add("x-functions-key", key);
        using var csv = await host.Http.SendAsync(csvRequest, Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("行号,字段,错误代码,说明\r\n", Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);

        // The upload itself is kept where the issue says, with the batch id in its name.
        var blobs = host.App.Services.GetRequiredService<StorageAccount>().Container(host.Container).GetBlobsAsync(cancellationToken: Ct);
        var names = new List<string>();
        await foreach (var blob in blobs)
        {
            names.Add(blob.Name);
        }

        Assert.Matches($@"^meizhou-civil/\d{{6}}/{accepted.BatchId}\.csv$", Assert.Single(names));
    }

    [Fact]
    public async Task JSON_rows_are_pushed_through_the_same_path()
    {
        await using var host = await StartAsync();
        var key = await KeyAsync(host, "baoshan-union-clerk", "department:baoshan-union");
        var rows = new[]
        {
            new RosterRowDto { Name = "工会甲", IdNumber = IdNumberFor(5101), IdentityType = "深度困难职工", DeterminedOn = "2025-01-02", Start = "2025-01-01", Change = "新增", Insurance = "职工" },
            new RosterRowDto { Name = "工会乙", IdNumber = IdNumberFor(5102)[..17], IdentityType = "RELATIVE_HARDSHIP_WORKER", DeterminedOn = "2025-01-02", Start = "2025-01-01", Change = "add" },
        };

        using var response = await host.Http.SendAsync(Push("baoshan-union", key, JsonContent.Create(new RosterPushRequest(rows))), Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var report = await FinishedAsync(host, response.Headers.Location!, key);
        Assert.Equal(new RosterBatchCounts(2, 1, 0, 1), report.Counts);
        Assert.Equal((2, "ID_NUMBER_WRONG_LENGTH"), (report.Errors[0].Row, report.Errors[0].Code));
        Assert.True(IdNumber.TryParse(IdNumberFor(5101), out var id));
        var records = host.App.Services.GetRequiredService<PersonRecords>();
        Assert.Equal("DEEP_HARDSHIP_WORKER", Assert.Single((await records.GetAsync(id, Ct))!.Identities).Type);
    }

    [Fact]
    public async Task Concurrent_large_JSON_and_file_pushes_are_never_read_before_their_upload_is_complete()
    {
        // The blob scanner polls every 10 ms, and a watcher lists the container as fast as it can: before the fix, the JSON
        // upload made an empty blob first (OpenWriteAsync) that the scanner announced and the batch processed as EMPTY_FILE,
        // and the complete version was then dropped as a duplicate of that failed batch.
        await using var host = await StartAsync("--Hosting:BlobArrivals:ScanInterval=00:00:00.010");
        var key = await KeyAsync(host, "staff-loader", FunctionScopes.Staff);
        const int rowsPerPush = 3000;
        var container = host.App.Services.GetRequiredService<StorageAccount>().Container(host.Container);
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var incomplete = new List<string>();
        var watcher = Task.Run(async () =>
        {
            while (!stopWatching.IsCancellationRequested)
            {
                await foreach (var blob in container.GetBlobsAsync(cancellationToken: CancellationToken.None))
                {
                    if (blob.Properties.ContentLength is null or 0)
                    {
                        lock (incomplete)
                        {
                            incomplete.Add(blob.Name);
                        }
                    }
                }
            }
        }, CancellationToken.None);

        var pushes = Enumerable.Range(0, 5).Select(async p =>
        {
            var first = 700_000 + p * rowsPerPush;
            HttpContent content = p < 3
                ? JsonContent.Create(new RosterPushRequest([.. Enumerable.Range(first, rowsPerPush).Select(n => JsonRow(n))]))
                : FilePart(CsvFile(Enumerable.Range(first, rowsPerPush).Select(n => Row(n)), Gb18030), $"名单{p}.csv");
            using var response = await host.Http.SendAsync(Push("meizhou-civil", key, content), Ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return await FinishedAsync(host, response.Headers.Location!, key, TimeSpan.FromMinutes(4));
        }).ToList();
        var reports = await Task.WhenAll(pushes);
        await stopWatching.CancelAsync();
        await watcher;

        Assert.Empty(incomplete);
        Assert.All(reports, report =>
        {
            Assert.Equal((RosterBatchStatus.Done, (string?)null), (report.Status, report.FailureCode));
            Assert.Equal(new RosterBatchCounts(rowsPerPush, rowsPerPush, 0, 0), report.Counts);
        });
    }

    [Fact]
    public async Task A_JSON_push_of_Chinese_rows_is_measured_once_on_what_the_client_sent()
    {
        // 600 rows of Chinese text sent as UTF-8 characters: under the limit as sent. Stored with every non-ASCII character
        // as \uXXXX (as before the fix) it was over the limit and failed as FILE_TOO_LARGE after the 202.
        var rows = Enumerable.Range(730_000, 600).Select(n => JsonRow(n) with { Name = "欧阳" + NameFor(n), County = "441402" }).ToList();
        var body = JsonSerializer.Serialize(new RosterPushRequest(rows), AsUtf8Characters);
        var sent = Encoding.UTF8.GetByteCount(body);
        await using var host = await StartAsync($"--Rosters:MaxFileBytes={sent + 100}");
        var key = await KeyAsync(host, "staff-loader", FunctionScopes.Staff);

        using var response = await host.Http.SendAsync(Push("meizhou-civil", key, new StringContent(body, Encoding.UTF8, "application/json")), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var report = await FinishedAsync(host, response.Headers.Location!, key);
        Assert.Equal((RosterBatchStatus.Done, 600), (report.Status, report.Counts.Applied));

        var tooLarge = body + new string(' ', 200);
        using var refused = await host.Http.SendAsync(Push("meizhou-civil", key, new StringContent(tooLarge, Encoding.UTF8, "application/json")), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal(RosterFileErrorCodes.FileTooLarge, (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    private static readonly JsonSerializerOptions AsUtf8Characters = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static RosterRowDto JsonRow(int n)
    {
        var cells = Row(n);
        return new RosterRowDto
        {
            Name = cells[0], IdNumber = cells[1], IdentityType = cells[2], DeterminedOn = cells[3], Start = cells[4],
            Change = cells[6], Phone = cells[7], Insurance = cells[8], County = cells[9],
        };
    }

    [Fact]
    public async Task The_Refit_client_pushes_an_XLSX_and_follows_the_batch()
    {
        await using var host = await StartAsync();
        var key = await KeyAsync(host, "meizhou-rural-clerk", "department:meizhou-rural");
        var api = Refit.RestService.For<MedicalAssistance.Contracts.IMedicalAssistanceApi>(host.Http);
        var file = XlsxFile(ChineseHeader, [["农业甲", IdNumberFor(5301), "监测对象", new DateTime(2025, 3, 1), new DateTime(2025, 3, 1), null, "新增", null, "居民", null]]);

        using var pushed = await api.PushRosterFileAsync("meizhou-rural", new Refit.StreamPart(new MemoryStream(file), "名单.xlsx"), key, Ct);

        Assert.Equal(HttpStatusCode.Accepted, pushed.StatusCode);
        var report = await FinishedAsync(host, new Uri($"api/departments/meizhou-rural/rosters/{pushed.Content!.BatchId}", UriKind.Relative), key);
        Assert.Equal(new RosterBatchCounts(1, 1, 0, 0), report.Counts);
        using var viaRefit = await api.GetRosterBatchAsync("meizhou-rural", pushed.Content.BatchId, key, Ct);
        Assert.Equal(RosterBatchStatus.Done, viaRefit.Content!.Status);
    }

    [Fact]
    public async Task Keys_are_checked_per_department_and_unknown_departments_are_404()
    {
        await using var host = await StartAsync();
        var meizhou = await KeyAsync(host, "meizhou-civil-clerk2", "department:meizhou-civil");
        var staff = await KeyAsync(host, "staff-1", "staff");
        var file = CsvFile([Row(5201)], Utf8NoBom);

        using var noKey = await host.Http.SendAsync(Push("meizhou-civil", null, FilePart(file, "a.csv")), Ct);
        using var wrongDepartment = await host.Http.SendAsync(Push("baoshan-civil", meizhou, FilePart(file, "a.csv")), Ct);
        using var unknown = await host.Http.SendAsync(Push("nowhere-civil", staff, FilePart(file, "a.csv")), Ct);
        using var unknownBatch = await host.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/departments/meizhou-civil/rosters/p0123456789abcdef0123456789abcd") { Headers = { { "x-functions-key", meizhou } } }, Ct);
        using var wrongType = await host.Http.SendAsync(Push("meizhou-civil", meizhou, new StringContent("a,b", Encoding.UTF8, "text/plain")), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongDepartment.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("UNKNOWN_DEPARTMENT", (await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownBatch.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
    }

    [Fact]
    public async Task An_oversized_upload_is_413_with_a_clear_reason_and_stores_nothing()
    {
        await using var host = await StartAsync("--Rosters:MaxFileBytes=20000");
        var key = await KeyAsync(host, "meizhou-civil-clerk4", "department:meizhou-civil");
        var file = CsvFile(Enumerable.Range(5400, 400).Select(n => Row(n)), Utf8NoBom);

        using var response = await host.Http.SendAsync(Push("meizhou-civil", key, FilePart(file, "big.csv")), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(RosterFileErrorCodes.FileTooLarge, problem.GetProperty("code").GetString());
        Assert.Contains("大小上限", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var stored = host.App.Services.GetRequiredService<StorageAccount>().Container(host.Container).GetBlobsAsync(cancellationToken: Ct);
        await foreach (var _ in stored)
        {
            Assert.Fail("An oversized upload was stored");
        }
    }

    [Fact]
    public async Task Binary_garbage_named_csv_ends_as_a_failed_batch_and_leaves_no_message_behind()
    {
        await using var host = await StartAsync();
        var key = await KeyAsync(host, "meizhou-civil-clerk3", "department:meizhou-civil");
        var garbage = new byte[20_000];
        new Random(3).NextBytes(garbage);

        using var response = await host.Http.SendAsync(Push("meizhou-civil", key, FilePart(garbage, "roster.csv")), Ct);
        var report = await FinishedAsync(host, response.Headers.Location!, key);

        Assert.Equal((RosterBatchStatus.Failed, RosterFileErrorCodes.UnknownFormat), (report.Status, report.FailureCode));
        Assert.Equal((0, "$file"), (report.Errors[0].Row, report.Errors[0].Field));
        var storage = host.App.Services.GetRequiredService<StorageAccount>();
        // The handler completed: nothing waits in the queue (not even invisibly) and nothing went to poison.
        Assert.Equal(0, (await storage.Queue(host.Queue).GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
        Assert.Equal(0, (await storage.Queue(host.Queue + "-poison").GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
    }
}
