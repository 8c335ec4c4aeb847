using System.Globalization;
using System.Text;
using Azure.Storage.Blobs.Models;
using Azure;
using MedicalAssistance.Functions.Csv;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters.Reading;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Policy.Identities;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Rosters.Demo;

/// <summary>
/// <c>seed-demo</c>'s people, loaded through the real intake path: one small roster file per demo department (Meizhou civil
/// affairs' in GB18030, as Chinese Excel saves it, and with one wrong check digit to show a row error), dropped into
/// <c>rosters/{department}/{yyyyMM}/demo-roster.csv</c> and ingested. Idempotent: an existing file is not dropped again,
/// and its batch, already done, is not applied twice.
/// </summary>
public static class DemoRosters
{
    public const string FileName = "demo-roster.csv";
    private const string GbDepartment = "meizhou-civil";

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"];
    private static readonly string[] GivenNames = ["秀英", "桂兰", "建国", "志强", "丽华", "海燕", "国华", "明", "静", "伟"];

    /// <summary>Region codes of the demo ID numbers: a county of each profile's city.</summary>
    private static readonly Dictionary<string, string> Regions = new(StringComparer.Ordinal)
    {
        [IdentityTypes.Meizhou] = "441402",
        [IdentityTypes.Jieyang] = "445202",
        [IdentityTypes.InnerMongolia] = "150702",
        [IdentityTypes.Baoshan] = "530502",
        [IdentityTypes.Tumxuk] = "659003",
    };

    public static async Task<string> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<StorageAccount>();
        var options = services.GetRequiredService<IOptions<RosterOptions>>().Value;
        var function = services.GetRequiredService<RosterIngest>();
        var chunks = services.GetRequiredService<Chunks.RosterChunkApplier>();
        var batchStore = services.GetRequiredService<Batches.RosterBatchStore>();
        var time = services.GetRequiredService<TimeProvider>();
        var month = time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMM", CultureInfo.InvariantCulture);
        int batches = 0, rows = 0, applied = 0, unchanged = 0, rejected = 0;
        for (var d = 0; d < DemoDepartments.All.Count; d++)
        {
            var department = DemoDepartments.All[d];
            var blobName = $"{department.Code}/{month}/{FileName}";
            var blob = storage.Container(options.Container).GetBlobClient(blobName);
            var file = Build(department, d);
            try
            {
                await blob.UploadAsync(new BinaryData(file), new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv" },
                }, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Dropped by an earlier seed-demo: ingest it (a no-op when its batch is done).
            }

            if (await function.RunAsync(new RosterFileArrived(blobName, null), cancellationToken) is { } started)
            {
                await chunks.ApplyAllAsync(started.Department, started.BatchId, cancellationToken);
                var batch = await batchStore.GetAsync(started.Department, started.BatchId, cancellationToken) ?? started;
                batches++;
                rows += batch.Rows;
                applied += batch.Applied;
                unchanged += batch.Unchanged;
                rejected += batch.Rejected;
            }
        }

        return $"rosters: {batches} demo batches, {rows} rows ({applied} applied, {unchanged} unchanged, {rejected} rejected)";
    }

    /// <summary>The ID number of a department's <paramref name="person"/>-th demo person (Claims/DemoClaims submits claims for them).</summary>
    public static string DemoIdNumber(Department department, int departmentIndex, int person)
    {
        var region = Regions.GetValueOrDefault(department.Profile, "110101");
        var birth = new DateOnly(1945, 3, 1).AddDays(departmentIndex * 701 + person * 2903);
        var first17 = $"{region}{birth:yyyyMMdd}{departmentIndex * 10 + person + 100:D3}";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    /// <summary>
    /// One demo person per profile who can sign in to the portal: the first person of the profile's first demo department
    /// (a valid ID number, a mobile phone, never the row with the wrong check digit or the one that exits).
    /// </summary>
    public static IReadOnlyList<(string Profile, string IdNumber, string Name)> SignInPeople() =>
        IdentityTypes.ProfileIds
            .Select(profile => (Profile: profile, Index: DemoDepartments.All.ToList().FindIndex(d => d.Profile == profile && d.AllowedIdentityTypes.Any(t => IdentityTypes.IsKnownTo(t, profile)))))
            .Where(x => x.Index >= 0)
            .Select(x => (x.Profile, DemoIdNumber(DemoDepartments.All[x.Index], x.Index, 0), NameOf(x.Index, 0)))
            .ToList();

    private static string NameOf(int departmentIndex, int i) =>
        Surnames[(departmentIndex + i) % Surnames.Length] + GivenNames[(departmentIndex * 3 + i) % GivenNames.Length];

    /// <summary>Six people per department, of the identity types it may push, and one of them exiting again; deterministic.</summary>
    public static byte[] Build(Department department, int departmentIndex)
    {
        var types = department.AllowedIdentityTypes
            .Where(t => IdentityTypes.IsKnownTo(t, department.Profile))
            .Select(t => IdentityTypes.Find(t)!)
            .OrderBy(t => t.Rank)
            .ToList();
        var text = new StringBuilder();
        text.Append(CsvCells.Line(RosterColumns.All.Select(RosterColumns.ChineseName))).Append("\r\n");
        var region = Regions.GetValueOrDefault(department.Profile, "110101");
        string?[]? exit = null;
        for (var i = 0; i < 6 && types.Count > 0; i++)
        {
            var type = types[i % types.Count];
            var id = DemoIdNumber(department, departmentIndex, i);
            if (department.Code == GbDepartment && i == 5)
            {
                id = id[..17] + (id[17] == '0' ? '1' : '0'); // the demo's row error: 身份证号校验位错误
            }

            string?[] cells =
            [
                NameOf(departmentIndex, i),
                id,
                type.DisplayName,
                "2025-01-15",
                "2025-02-01",
                null,
                "新增",
                $"1380013{departmentIndex:D2}{i:D2}",
                department.Kind == DepartmentIdentityMap.Union ? "职工" : "居民",
                region,
            ];
            text.Append(CsvCells.Line(cells)).Append("\r\n");
            if (i == 4)
            {
                exit = [.. cells];
                exit[5] = "2025-06-30";
                exit[6] = "退出";
            }
        }

        if (exit is not null)
        {
            text.Append(CsvCells.Line(exit)).Append("\r\n");
        }

        var encoding = department.Code == GbDepartment ? TextEncodingSniffer.Gb18030 : CsvCells.ExcelUtf8;
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(text.ToString())];
    }
}
