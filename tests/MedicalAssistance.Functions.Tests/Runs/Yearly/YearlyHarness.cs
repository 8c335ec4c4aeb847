using System.Text;
using MedicalAssistance.Functions.Runs;
using MedicalAssistance.Functions.Runs.FundBudgets;
using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Functions.Runs.Settlement;
using MedicalAssistance.Functions.Runs.Yearly;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MedicalAssistance.Functions.Tests.Runs.Yearly;

/// <summary>
/// The yearly runs as the app registers them (<see cref="YearlyRunsFeature.AddYearlyRuns"/>) over private tables and a private
/// reports container on Azurite, at a fake time. Actual assistance is what monthly-settlement posts: balanced lines in the journal.
/// </summary>
internal sealed class YearlyHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private YearlyHarness(ServiceProvider services, RunFeatureOptions options)
    {
        _services = services;
        Options = options;
    }

    public RunFeatureOptions Options { get; }
    public FakeTimeProvider Time => (FakeTimeProvider)_services.GetRequiredService<TimeProvider>();
    public RunStore Runs => _services.GetRequiredService<RunStore>();
    public FundJournalStore Journal => _services.GetRequiredService<FundJournalStore>();
    public FundBudgetStore Budgets => _services.GetRequiredService<FundBudgetStore>();
    public RunOutputs Outputs => _services.GetRequiredService<RunOutputs>();
    public YearlyRunTimers Timers => _services.GetRequiredService<YearlyRunTimers>();
    public YearlyRunFunctions Functions => new(Timers);
    public FundFigures Figures => _services.GetRequiredService<FundFigures>();

    /// <summary>A harness whose storage is <paramref name="shareWith"/>'s when given (a second host over the same tables).</summary>
    public static async Task<YearlyHarness> CreateAsync(AzuriteFixture azurite, YearlyHarness? shareWith = null)
    {
        var options = shareWith?.Options ?? new RunFeatureOptions
        {
            Table = AzuriteFixture.UniqueName("runs"),
            JournalTable = AzuriteFixture.UniqueName("journal"),
            FundBudgetTable = AzuriteFixture.UniqueName("budgets"),
            ReportsContainer = AzuriteFixture.UniqueName("reports"),
        };
        var storage = new StorageAccount(azurite.ConnectionString);
        var services = new ServiceCollection()
            .AddSingleton(storage)
            .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)))
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(options))
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddSingleton(new RunStore(storage, options.Table))
            .AddSingleton(new FundJournalStore(storage, options.JournalTable))
            .AddSingleton(new FundBudgetStore(storage, options.FundBudgetTable))
            .AddSingleton(new RunOutputs(storage, options.ReportsContainer))
            .AddSingleton<PeriodRunner>()
            .AddYearlyRuns()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        if (shareWith is null)
        {
            foreach (var table in new[] { options.Table, options.JournalTable, options.FundBudgetTable })
            {
                await storage.Tables.CreateTableIfNotExistsAsync(table, Ct);
            }

            await storage.Container(options.ReportsContainer).CreateIfNotExistsAsync(cancellationToken: Ct);
        }

        return new YearlyHarness(services, options);
    }

    /// <summary>Sets the fake clock to <paramref name="chinaTime"/> (Asia/Shanghai wall time).</summary>
    public void At(DateTime chinaTime) => Time.SetUtcNow(new DateTimeOffset(chinaTime, TimeSpan.FromHours(8)));

    /// <summary>Posts what monthly-settlement posts for a month's assistance: inpatient and outpatient expenditure against the expenditure account.</summary>
    public Task SpentAsync(string profile, string month, decimal inpatient, decimal outpatient = 0m) =>
        Journal.PostAsync(new[]
        {
            new JournalLine(profile, month, MonthlySettlement.RunName, "EXP_BENEFITS", "INPATIENT_ASSISTANCE", JournalSide.Debit, inpatient),
            new JournalLine(profile, month, MonthlySettlement.RunName, "EXP_BENEFITS", "OUTPATIENT_ASSISTANCE", JournalSide.Debit, outpatient),
            new JournalLine(profile, month, MonthlySettlement.RunName, "AST_EXPENDITURE_ACCOUNT", "", JournalSide.Credit, inpatient + outpatient),
        }.Where(l => l.Amount != 0m).ToList(), 1, Ct);

    public Task BudgetAsync(string profile, int year, FundBudget budget) => Budgets.PutAsync(profile, year, budget, "test", Time.GetUtcNow(), Ct);

    /// <summary>Runs a yearly run for a year as <c>run {name} --period yyyy</c> does, at the clock's time.</summary>
    public Task RunAsync(string name, int year) => Timers[name].RunAsync(year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), "test", Ct);

    public async Task<RunState?> StateAsync(string name, int year) =>
        (await Runs.GetAsync(name, year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), Ct))?.State;

    /// <summary>A run's output as text (the BOM checked and removed).</summary>
    public async Task<string> TextAsync(string name, int year, string file)
    {
        var found = await Outputs.OpenReadAsync(name, year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), file, Ct)
            ?? throw new InvalidOperationException($"no {file}");
        using var memory = new MemoryStream();
        await found.Content.CopyToAsync(memory, Ct);
        var bytes = memory.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
    }

    /// <summary>The amounts of a run's <c>amounts.csv</c> by item (项目 → 金额), the header checked.</summary>
    public async Task<IReadOnlyDictionary<string, decimal>> AmountsAsync(string name, int year)
    {
        var lines = (await TextAsync(name, year, YearlyFiles.Amounts)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', YearlyFiles.AmountsHeader), lines[0]);
        var itemColumn = Array.IndexOf(YearlyFiles.AmountsHeader, "项目");
        var amountColumn = Array.IndexOf(YearlyFiles.AmountsHeader, "金额");
        return lines.Skip(1).Select(CsvFields).ToDictionary(f => f[itemColumn], f => decimal.Parse(f[amountColumn].TrimStart('\''), System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<IReadOnlyList<JournalLine>> JournalAsync(string profile, string month)
    {
        var lines = new List<JournalLine>();
        await foreach (var line in Journal.ReadAsync(profile, month, Ct))
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Net debit of a subject in a profile's books for a month, every run's lines.</summary>
    public async Task<decimal> NetAsync(string profile, string month, FundSubject subject) =>
        (await JournalAsync(profile, month)).Where(l => l.Code == subject.Code && l.Detail == subject.Detail)
            .Sum(l => l.Side == JournalSide.Debit ? l.Amount : -l.Amount);

    /// <summary>Asserts debit = credit in a profile's books for a month.</summary>
    public async Task AssertBalancedAsync(string profile, string month)
    {
        var lines = await JournalAsync(profile, month);
        Assert.Equal(lines.Where(l => l.Side == JournalSide.Debit).Sum(l => l.Amount), lines.Where(l => l.Side == JournalSide.Credit).Sum(l => l.Amount));
    }

    /// <summary>The fields of a CSV line (quoted cells may hold commas; quotes doubled).</summary>
    public static string[] CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') { quoted = !quoted; }
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else { field.Append(c); }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
